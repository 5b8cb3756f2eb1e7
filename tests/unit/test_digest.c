/* SPDX-License-Identifier: MIT */
/* SHA-256 through libcrypto (digest.h) against the NIST examples (FIPS
 * 180-4 example values, SHAVS byte messages and long messages) and at the
 * padding boundaries: in one call, and fed whole and in pieces to one
 * running digest reused from message to message. */
#include <stdlib.h>
#include <string.h>

#include "digest.h"
#include "tap.h"

static struct digest *running;

static void pieces_hex(const void *data, size_t len, size_t piece, char out[DIGEST_HEX_LEN])
{
	const unsigned char *p = data;
	if (piece == 0)
		piece = len ? len : 1;
	for (size_t i = 0; i < len; i += piece)
		digest_update(running, p + i, len - i < piece ? len - i : piece);
	digest_hex(running, out);
}

static void check_all_ways(const void *data, size_t len, const char *want, const char *what)
{
	static const size_t pieces[] = { 0, 1, 3, 63, 64, 65, 1000 };
	char got[DIGEST_HEX_LEN];
	digest_sha256_hex(data, len, got);
	check_str(got, want, what);
	for (size_t i = 0; i < sizeof pieces / sizeof pieces[0]; i++) {
		pieces_hex(data, len, pieces[i], got);
		check_str(got, want, what);
	}
}

static void check_repeated(int c, size_t n, const char *want, const char *what)
{
	char *m = malloc(n);
	memset(m, c, n);
	check_all_ways(m, n, want, what);
	free(m);
}

static void vectors(void)
{
	check_all_ways("abc", 3,
		"ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", "'abc' (one block)");
	check_all_ways("", 0,
		"e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", "empty message");
	const char *two = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";
	check_all_ways(two, strlen(two),
		"248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1", "448 bits (two blocks)");
	const char *b896 = "abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmn"
			   "hijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu";
	check_all_ways(b896, strlen(b896),
		"cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1", "896 bits");
	check_all_ways("\xbd", 1,
		"68325720aabd7c82f30f554b313d0570c95accbb7dc4b5aae11204c08ffe732b", "SHAVS 1 byte 0xbd");
	check_all_ways("\xc9\x8c\x8e\x55", 4,
		"7abc22c0ae5af26ce93dbb94433a0e0b2e119d014f8e7f65bd56c61ccccd9504", "SHAVS 4 bytes");
	check_repeated(0x00, 1000,
		"541b3e9daa09b20bf85fa273e5cbd3e80185aa4ec298e765db87742b70138a53", "1000 x 0x00");
	check_repeated('A', 1000,
		"c2e686823489ced2017f6059b8b239318b6364f6dcd835d0a519105a1eadd6e4", "1000 x 'A'");
	check_repeated('U', 1005,
		"f4d62ddec0f3dd90ea1380fa16a5ff8dc4c54b21740650f24afc4120903552b0", "1005 x 'U'");
	check_repeated('a', 1000000,
		"cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0", "one million 'a'");
	/* Where the length field does or does not fit after the padding bit. */
	check_repeated('a', 55, "9f4390f8d30c2dd92ec9f095b65e2b9ae9b0a925a5258e241c9f1e910f734318", "55 bytes");
	check_repeated('a', 56, "b35439a4ac6f0948b6d6f9e3c6af0f5f590ce20f1bde7090ef7970686ec6738a", "56 bytes");
	check_repeated('a', 63, "7d3e74a05d7db15bce4ad9ec0658ea98e3f06eeecf16b4c6fff2da457ddc2f34", "63 bytes");
	check_repeated('a', 64, "ffe054fe7ae0cb6dc65c3af9b61d5209f439851db43d0ba5997337df154668eb", "64 bytes");
	check_repeated('a', 65, "635361c48bb9eab14198e76ea8ab7f1a41685d6ad62aa9146d301d4f17eb0ae0", "65 bytes");
	check_repeated('a', 119, "31eba51c313a5c08226adf18d4a359cfdfd8d2e816b13f4af952f7ea6584dcfb", "119 bytes");
	check_repeated('a', 120, "2f3d335432c70b580af0e8e1b3674a7c020d683aa5f73aaaedfdc55af904c21c", "120 bytes");
}

int main(void)
{
	running = digest_new();
	vectors();
	digest_free(running);
	return tap_done();
}
