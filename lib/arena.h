/* SPDX-License-Identifier: MIT */
/* A per-record arena for jansson's allocations: between begin and end every
 * jansson value comes from a bump allocator that end resets in one step. */
#ifndef BIRDDOG_ARENA_H
#define BIRDDOG_ARENA_H

/* Installs the allocator (json_set_alloc_funcs); call once before any jansson use. */
void json_arena_install(void);
/* From begin to end, jansson allocates from the arena; free is then a no-op
 * for arena memory. Values made inside must not be used after end; values made
 * outside (config, lists loaded at start) are plain malloc'd and stay valid. */
void json_arena_begin(void);
void json_arena_end(void);
/* Frees the arena's blocks (at exit, for leak checkers). */
void json_arena_release(void);

#endif
