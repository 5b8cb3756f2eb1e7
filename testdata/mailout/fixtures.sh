# SPDX-License-Identifier: MIT
# Test fixtures for mailout, sourced by tests/5*-mailout*.t: packet files in
# $PKT (which must exist) and ./records.ndjson, whose records use them.
# Packet bodies with quoted-printable edge cases: non-ASCII, '=', trailing
# spaces, a leading dot, a leading "From ", a line far past 76 columns.
cat >"$PKT/t1.txt" <<'EOF'
Ganga en Peñalosa: 3 recámaras, jardín y cochera.
. a line starting with a dot
From here on, a line starts with From
Price = $315,000 = a bargain; trailing spaces follow   
Ünïcödé all along a very long line: ½ ¾ € → ✓ — the quick brown fox jumps over the lazy dog, again and again, until the line is far longer than seventy-six columns.
To stop these emails: %%UNSUBSCRIBE_URL%%
EOF
# Lines at the 76-column edges: exactly 76, 77, an escape across the edge,
# white space alone.
awk 'BEGIN {
	x = "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"
	print x "xxxx"; print x "xxxxx"; print x "xxx="; print x "xx=y"; print x "xé"
	print "\t "
}' >>"$PKT/t1.txt"
cat >"$PKT/t1.html" <<'EOF'
<!doctype html>
<html><body><h1>Ganga en Peñalosa</h1>
<p style="color:#333">3 recámaras, jardín y cochera — $315,000. A paragraph long enough to need soft line breaks in quoted-printable encoding.</p>
<p><a href="%%UNSUBSCRIBE_URL%%">Unsubscribe</a> · %%UNSUBSCRIBE_URL%%</p>
</body></html>
EOF
for n in 2 3 5 6; do
	printf 'Deal %s\nUnsubscribe: %%%%UNSUBSCRIBE_URL%%%%\n' "$n" >"$PKT/t$n.txt"
	printf '<p>Deal %s <a href="%%%%UNSUBSCRIBE_URL%%%%">unsubscribe</a></p>\n' "$n" >"$PKT/t$n.html"
done
printf 'No unsubscribe link here\n' >"$PKT/nomarker.txt"

# packet N SUBJECT: the packet JSON of tN's files.
packet() {
	printf '{"html":"%s/t%s.html","text":"%s/t%s.txt","sha256":"%064d","subject":"%s"}' \
		"$PKT" "$1" "$PKT" "$1" "$1" "$2"
}

# t:1 fits ana and bob, t:2 bob and carol, t:3 bob and dave; t:4 has no packet.
{
	printf '{"id":"t:1","address":{"zip":"89101"},"type":"single_family","price":315000,"score":{"value":87},"x":[1,2.50,"é"],"packet":%s}\n' \
		"$(packet 1 'Ganga en Peñalosa — 3 recámaras, jardín y cochera — puntuación 87/100 ✓')"
	printf '{"id":"t:2","address":{"zip":"89104"},"type":"condo","price":200000,"score":{"value":60},"packet":%s}\n' \
		"$(packet 2 'Deal: 456 Oak Ave Unit 2, Las Vegas, NV 89104 - condo, 2 bed, 1 bath, scored 60 of 100 by the model')"
	printf '{"id":"t:3","address":{"zip":"89117"},"type":"single_family","price":500000,"score":{"value":95},"packet":%s}\n' \
		"$(packet 3 'Deal\r\nBcc: victim@evil.example')"
	printf '{"id":"t:4","address":{"zip":"89101"},"price":1}\n'
} >records.ndjson
