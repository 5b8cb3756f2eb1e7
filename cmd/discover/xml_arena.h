/* SPDX-License-Identifier: MIT */
/* libxml2's memory for one page at a time. A page's document tree is
 * thousands of small nodes, made in one go and freed in one go; between
 * xml_arena_begin and xml_arena_end libxml2 allocates by bumping a pointer
 * through a few large chunks, its frees do nothing, and the end takes it
 * all back at once: malloc and free were a third of a crawl's time.
 *
 * Nothing libxml2 makes inside may outlive the end (a page's document,
 * XPath context and results are released before it), and nothing made
 * outside may be freed or grown inside: XPath expressions compiled
 * beforehand are only read. */
#ifndef BIRDDOG_XML_ARENA_H
#define BIRDDOG_XML_ARENA_H

/* Initialises libxml2 (once) and points its allocator at the arena. */
void xml_arena_begin(void);
/* Clears libxml2's record of the last error (made inside), points its
 * allocator back at malloc and empties the arena for the next page. */
void xml_arena_end(void);
/* Frees the arena's chunks (at exit). */
void xml_arena_release(void);

#endif
