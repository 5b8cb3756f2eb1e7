/* SPDX-License-Identifier: MIT */
/* Unit tests for lib/template.c: cases transcribed from the Mustache spec
 * v1.3 (interpolation, sections, inverted, comments, partials, delimiters),
 * then syntax errors, render errors, files and HTML escaping. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <jansson.h>

#include "buf.h"
#include "tap.h"
#include "template.h"

struct tcase {
	const char *name;
	const char *tmpl;
	const char *data;	/* JSON */
	const char *partials;	/* JSON object of name -> source, or NULL */
	const char *want;
};

static const struct tcase cases[] = {
	/* interpolation.yml */
	{ "interp: no interpolation", "Hello from {Mustache}!\n", "{}", NULL,
	  "Hello from {Mustache}!\n" },
	{ "interp: basic", "Hello, {{subject}}!\n", "{\"subject\":\"world\"}", NULL,
	  "Hello, world!\n" },
	{ "interp: html escaping",
	  "These characters should be HTML escaped: {{forbidden}}\n",
	  "{\"forbidden\":\"& \\\" < >\"}", NULL,
	  "These characters should be HTML escaped: &amp; &quot; &lt; &gt;\n" },
	{ "interp: triple mustache",
	  "These characters should not be HTML escaped: {{{forbidden}}}\n",
	  "{\"forbidden\":\"& \\\" < >\"}", NULL,
	  "These characters should not be HTML escaped: & \" < >\n" },
	{ "interp: ampersand",
	  "These characters should not be HTML escaped: {{&forbidden}}\n",
	  "{\"forbidden\":\"& \\\" < >\"}", NULL,
	  "These characters should not be HTML escaped: & \" < >\n" },
	{ "interp: basic integer", "\"{{mph}} miles an hour!\"", "{\"mph\":85}", NULL,
	  "\"85 miles an hour!\"" },
	{ "interp: triple mustache integer", "\"{{{mph}}} miles an hour!\"",
	  "{\"mph\":85}", NULL, "\"85 miles an hour!\"" },
	{ "interp: ampersand integer", "\"{{&mph}} miles an hour!\"",
	  "{\"mph\":85}", NULL, "\"85 miles an hour!\"" },
	{ "interp: basic decimal", "\"{{power}} jiggawatts!\"", "{\"power\":1.210}",
	  NULL, "\"1.21 jiggawatts!\"" },
	{ "interp: triple mustache decimal", "\"{{{power}}} jiggawatts!\"",
	  "{\"power\":1.210}", NULL, "\"1.21 jiggawatts!\"" },
	{ "interp: ampersand decimal", "\"{{&power}} jiggawatts!\"",
	  "{\"power\":1.210}", NULL, "\"1.21 jiggawatts!\"" },
	{ "interp: basic null", "I ({{cannot}}) be seen!", "{\"cannot\":null}", NULL,
	  "I () be seen!" },
	{ "interp: triple mustache null", "I ({{{cannot}}}) be seen!",
	  "{\"cannot\":null}", NULL, "I () be seen!" },
	{ "interp: basic context miss", "I ({{cannot}}) be seen!", "{}", NULL,
	  "I () be seen!" },
	{ "interp: triple mustache context miss", "I ({{{cannot}}}) be seen!", "{}",
	  NULL, "I () be seen!" },
	{ "interp: ampersand context miss", "I ({{&cannot}}) be seen!", "{}", NULL,
	  "I () be seen!" },
	{ "interp: dotted names basic",
	  "\"{{person.name}}\" == \"{{#person}}{{name}}{{/person}}\"",
	  "{\"person\":{\"name\":\"Joe\"}}", NULL, "\"Joe\" == \"Joe\"" },
	{ "interp: dotted names triple mustache",
	  "\"{{{person.name}}}\" == \"{{#person}}{{{name}}}{{/person}}\"",
	  "{\"person\":{\"name\":\"Joe\"}}", NULL, "\"Joe\" == \"Joe\"" },
	{ "interp: dotted names ampersand",
	  "\"{{&person.name}}\" == \"{{#person}}{{&name}}{{/person}}\"",
	  "{\"person\":{\"name\":\"Joe\"}}", NULL, "\"Joe\" == \"Joe\"" },
	{ "interp: dotted names arbitrary depth", "\"{{a.b.c.d.e.name}}\" == \"Phil\"",
	  "{\"a\":{\"b\":{\"c\":{\"d\":{\"e\":{\"name\":\"Phil\"}}}}}}", NULL,
	  "\"Phil\" == \"Phil\"" },
	{ "interp: dotted names broken chains", "\"{{a.b.c}}\" == \"\"",
	  "{\"a\":{}}", NULL, "\"\" == \"\"" },
	{ "interp: dotted names broken chain resolution",
	  "\"{{a.b.c.name}}\" == \"\"",
	  "{\"a\":{\"b\":{}},\"c\":{\"name\":\"Jim\"}}", NULL, "\"\" == \"\"" },
	{ "interp: dotted names initial resolution",
	  "\"{{#a}}{{b.c.d.e.name}}{{/a}}\" == \"Phil\"",
	  "{\"a\":{\"b\":{\"c\":{\"d\":{\"e\":{\"name\":\"Phil\"}}}}},"
	  "\"b\":{\"c\":{\"d\":{\"e\":{\"name\":\"Wrong\"}}}}}", NULL,
	  "\"Phil\" == \"Phil\"" },
	{ "interp: dotted names context precedence", "{{#a}}{{b.c}}{{/a}}",
	  "{\"a\":{\"b\":{}},\"b\":{\"c\":\"ERROR\"}}", NULL, "" },
	{ "interp: dotted names are never single keys", "{{a.b}}",
	  "{\"a.b\":\"c\"}", NULL, "" },
	{ "interp: dotted names no masking", "{{a.b}}",
	  "{\"a.b\":\"c\",\"a\":{\"b\":\"d\"}}", NULL, "d" },
	{ "interp: implicit iterator string", "Hello, {{.}}!\n", "\"world\"", NULL,
	  "Hello, world!\n" },
	{ "interp: implicit iterator html escaping",
	  "These characters should be HTML escaped: {{.}}\n", "\"& \\\" < >\"", NULL,
	  "These characters should be HTML escaped: &amp; &quot; &lt; &gt;\n" },
	{ "interp: implicit iterator triple mustache",
	  "These characters should not be HTML escaped: {{{.}}}\n", "\"& \\\" < >\"",
	  NULL, "These characters should not be HTML escaped: & \" < >\n" },
	{ "interp: implicit iterator integer", "\"{{.}} miles an hour!\"", "85", NULL,
	  "\"85 miles an hour!\"" },
	{ "interp: implicit iterator decimal", "\"{{.}} jiggawatts!\"", "1.21", NULL,
	  "\"1.21 jiggawatts!\"" },
	{ "interp: surrounding whitespace", "| {{string}} |", "{\"string\":\"---\"}",
	  NULL, "| --- |" },
	{ "interp: triple mustache surrounding whitespace", "| {{{string}}} |",
	  "{\"string\":\"---\"}", NULL, "| --- |" },
	{ "interp: ampersand surrounding whitespace", "| {{&string}} |",
	  "{\"string\":\"---\"}", NULL, "| --- |" },
	{ "interp: standalone", "  {{string}}\n", "{\"string\":\"---\"}", NULL,
	  "  ---\n" },
	{ "interp: triple mustache standalone", "  {{{string}}}\n",
	  "{\"string\":\"---\"}", NULL, "  ---\n" },
	{ "interp: ampersand standalone", "  {{&string}}\n", "{\"string\":\"---\"}",
	  NULL, "  ---\n" },
	{ "interp: with padding", "|{{ string }}|", "{\"string\":\"---\"}", NULL,
	  "|---|" },
	{ "interp: triple mustache with padding", "|{{{ string }}}|",
	  "{\"string\":\"---\"}", NULL, "|---|" },
	{ "interp: ampersand with padding", "|{{& string }}|", "{\"string\":\"---\"}",
	  NULL, "|---|" },

	/* sections.yml */
	{ "sections: truthy", "\"{{#boolean}}This should be rendered.{{/boolean}}\"",
	  "{\"boolean\":true}", NULL, "\"This should be rendered.\"" },
	{ "sections: falsey",
	  "\"{{#boolean}}This should not be rendered.{{/boolean}}\"",
	  "{\"boolean\":false}", NULL, "\"\"" },
	{ "sections: null is falsey",
	  "\"{{#null}}This should not be rendered.{{/null}}\"", "{\"null\":null}",
	  NULL, "\"\"" },
	{ "sections: context", "\"{{#context}}Hi {{name}}.{{/context}}\"",
	  "{\"context\":{\"name\":\"Joe\"}}", NULL, "\"Hi Joe.\"" },
	{ "sections: parent contexts", "\"{{#sec}}{{a}}, {{b}}, {{c.d}}{{/sec}}\"",
	  "{\"a\":\"foo\",\"b\":\"wrong\",\"sec\":{\"b\":\"bar\"},\"c\":{\"d\":\"baz\"}}",
	  NULL, "\"foo, bar, baz\"" },
	{ "sections: variable test", "\"{{#foo}}{{.}} is {{foo}}{{/foo}}\"",
	  "{\"foo\":\"bar\"}", NULL, "\"bar is bar\"" },
	{ "sections: list contexts",
	  "{{#tops}}{{#middles}}{{tname.lower}}{{mname}}.{{#bottoms}}"
	  "{{tname.upper}}{{mname}}{{bname}}.{{/bottoms}}{{/middles}}{{/tops}}",
	  "{\"tops\":[{\"tname\":{\"upper\":\"A\",\"lower\":\"a\"},\"middles\":"
	  "[{\"mname\":\"1\",\"bottoms\":[{\"bname\":\"x\"},{\"bname\":\"y\"}]}]}]}",
	  NULL, "a1.A1x.A1y." },
	{ "sections: deeply nested contexts",
	  "{{#a}}\n{{one}}\n{{#b}}\n{{one}}{{two}}{{one}}\n{{#c}}\n"
	  "{{one}}{{two}}{{three}}{{two}}{{one}}\n{{#d}}\n"
	  "{{one}}{{two}}{{three}}{{four}}{{three}}{{two}}{{one}}\n{{#five}}\n"
	  "{{one}}{{two}}{{three}}{{four}}{{five}}{{four}}{{three}}{{two}}{{one}}\n"
	  "{{one}}{{two}}{{three}}{{four}}{{.}}6{{.}}{{four}}{{three}}{{two}}{{one}}\n"
	  "{{one}}{{two}}{{three}}{{four}}{{five}}{{four}}{{three}}{{two}}{{one}}\n"
	  "{{/five}}\n{{one}}{{two}}{{three}}{{four}}{{three}}{{two}}{{one}}\n"
	  "{{/d}}\n{{one}}{{two}}{{three}}{{two}}{{one}}\n{{/c}}\n"
	  "{{one}}{{two}}{{one}}\n{{/b}}\n{{one}}\n{{/a}}\n",
	  "{\"a\":{\"one\":1},\"b\":{\"two\":2},"
	  "\"c\":{\"three\":3,\"d\":{\"four\":4,\"five\":5}}}", NULL,
	  "1\n121\n12321\n1234321\n123454321\n12345654321\n123454321\n1234321\n"
	  "12321\n121\n1\n" },
	{ "sections: list", "\"{{#list}}{{item}}{{/list}}\"",
	  "{\"list\":[{\"item\":1},{\"item\":2},{\"item\":3}]}", NULL, "\"123\"" },
	{ "sections: empty list", "\"{{#list}}Yay lists!{{/list}}\"",
	  "{\"list\":[]}", NULL, "\"\"" },
	{ "sections: doubled",
	  "{{#bool}}\n* first\n{{/bool}}\n* {{two}}\n{{#bool}}\n* third\n{{/bool}}\n",
	  "{\"bool\":true,\"two\":\"second\"}", NULL,
	  "* first\n* second\n* third\n" },
	{ "sections: nested truthy", "| A {{#bool}}B {{#bool}}C{{/bool}} D{{/bool}} E |",
	  "{\"bool\":true}", NULL, "| A B C D E |" },
	{ "sections: nested falsey", "| A {{#bool}}B {{#bool}}C{{/bool}} D{{/bool}} E |",
	  "{\"bool\":false}", NULL, "| A  E |" },
	{ "sections: context misses", "[{{#missing}}Found key 'missing'!{{/missing}}]",
	  "{}", NULL, "[]" },
	{ "sections: implicit iterator string", "\"{{#list}}({{.}}){{/list}}\"",
	  "{\"list\":[\"a\",\"b\",\"c\",\"d\",\"e\"]}", NULL, "\"(a)(b)(c)(d)(e)\"" },
	{ "sections: implicit iterator integer", "\"{{#list}}({{.}}){{/list}}\"",
	  "{\"list\":[1,2,3,4,5]}", NULL, "\"(1)(2)(3)(4)(5)\"" },
	{ "sections: implicit iterator decimal", "\"{{#list}}({{.}}){{/list}}\"",
	  "{\"list\":[1.10,2.20,3.30,4.40,5.50]}", NULL,
	  "\"(1.1)(2.2)(3.3)(4.4)(5.5)\"" },
	{ "sections: implicit iterator array", "\"{{#list}}({{#.}}{{.}}{{/.}}){{/list}}\"",
	  "{\"list\":[[1,2,3],[\"a\",\"b\",\"c\"]]}", NULL, "\"(123)(abc)\"" },
	{ "sections: implicit iterator html escaping", "\"{{#list}}({{.}}){{/list}}\"",
	  "{\"list\":[\"&\",\"\\\"\",\"<\",\">\"]}", NULL,
	  "\"(&amp;)(&quot;)(&lt;)(&gt;)\"" },
	{ "sections: implicit iterator triple mustache",
	  "\"{{#list}}({{{.}}}){{/list}}\"",
	  "{\"list\":[\"&\",\"\\\"\",\"<\",\">\"]}", NULL, "\"(&)(\")(<)(>)\"" },
	{ "sections: implicit iterator ampersand", "\"{{#list}}({{&.}}){{/list}}\"",
	  "{\"list\":[\"&\",\"\\\"\",\"<\",\">\"]}", NULL, "\"(&)(\")(<)(>)\"" },
	{ "sections: implicit iterator root-level", "\"{{#.}}({{value}}){{/.}}\"",
	  "[{\"value\":\"a\"},{\"value\":\"b\"}]", NULL, "\"(a)(b)\"" },
	{ "sections: dotted names truthy", "\"{{#a.b.c}}Here{{/a.b.c}}\" == \"Here\"",
	  "{\"a\":{\"b\":{\"c\":true}}}", NULL, "\"Here\" == \"Here\"" },
	{ "sections: dotted names falsey", "\"{{#a.b.c}}Here{{/a.b.c}}\" == \"\"",
	  "{\"a\":{\"b\":{\"c\":false}}}", NULL, "\"\" == \"\"" },
	{ "sections: dotted names broken chains", "\"{{#a.b.c}}Here{{/a.b.c}}\" == \"\"",
	  "{\"a\":{}}", NULL, "\"\" == \"\"" },
	{ "sections: surrounding whitespace", " | {{#boolean}}\t|\t{{/boolean}} | \n",
	  "{\"boolean\":true}", NULL, " | \t|\t | \n" },
	{ "sections: internal whitespace",
	  " | {{#boolean}} {{! Important Whitespace }}\n {{/boolean}} | \n",
	  "{\"boolean\":true}", NULL, " |  \n  | \n" },
	{ "sections: indented inline sections",
	  " {{#boolean}}YES{{/boolean}}\n {{#boolean}}GOOD{{/boolean}}\n",
	  "{\"boolean\":true}", NULL, " YES\n GOOD\n" },
	{ "sections: standalone lines",
	  "| This Is\n{{#boolean}}\n|\n{{/boolean}}\n| A Line\n",
	  "{\"boolean\":true}", NULL, "| This Is\n|\n| A Line\n" },
	{ "sections: indented standalone lines",
	  "| This Is\n  {{#boolean}}\n|\n  {{/boolean}}\n| A Line\n",
	  "{\"boolean\":true}", NULL, "| This Is\n|\n| A Line\n" },
	{ "sections: standalone line endings", "|\r\n{{#boolean}}\r\n{{/boolean}}\r\n|",
	  "{\"boolean\":true}", NULL, "|\r\n|" },
	{ "sections: standalone without previous line", "  {{#boolean}}\n#{{/boolean}}\n/",
	  "{\"boolean\":true}", NULL, "#\n/" },
	{ "sections: standalone without newline", "#{{#boolean}}\n/\n  {{/boolean}}",
	  "{\"boolean\":true}", NULL, "#\n/\n" },
	{ "sections: padding", "|{{# boolean }}={{/ boolean }}|", "{\"boolean\":true}",
	  NULL, "|=|" },

	/* inverted.yml */
	{ "inverted: falsey", "\"{{^boolean}}This should be rendered.{{/boolean}}\"",
	  "{\"boolean\":false}", NULL, "\"This should be rendered.\"" },
	{ "inverted: truthy",
	  "\"{{^boolean}}This should not be rendered.{{/boolean}}\"",
	  "{\"boolean\":true}", NULL, "\"\"" },
	{ "inverted: null is falsey", "\"{{^null}}This should be rendered.{{/null}}\"",
	  "{\"null\":null}", NULL, "\"This should be rendered.\"" },
	{ "inverted: context", "\"{{^context}}Hi {{name}}.{{/context}}\"",
	  "{\"context\":{\"name\":\"Joe\"}}", NULL, "\"\"" },
	{ "inverted: list", "\"{{^list}}{{n}}{{/list}}\"",
	  "{\"list\":[{\"n\":1},{\"n\":2},{\"n\":3}]}", NULL, "\"\"" },
	{ "inverted: empty list", "\"{{^list}}Yay lists!{{/list}}\"", "{\"list\":[]}",
	  NULL, "\"Yay lists!\"" },
	{ "inverted: doubled",
	  "{{^bool}}\n* first\n{{/bool}}\n* {{two}}\n{{^bool}}\n* third\n{{/bool}}\n",
	  "{\"bool\":false,\"two\":\"second\"}", NULL,
	  "* first\n* second\n* third\n" },
	{ "inverted: nested falsey", "| A {{^bool}}B {{^bool}}C{{/bool}} D{{/bool}} E |",
	  "{\"bool\":false}", NULL, "| A B C D E |" },
	{ "inverted: nested truthy", "| A {{^bool}}B {{^bool}}C{{/bool}} D{{/bool}} E |",
	  "{\"bool\":true}", NULL, "| A  E |" },
	{ "inverted: context misses",
	  "[{{^missing}}Cannot find key 'missing'!{{/missing}}]", "{}", NULL,
	  "[Cannot find key 'missing'!]" },
	{ "inverted: dotted names truthy",
	  "\"{{^a.b.c}}Not Here{{/a.b.c}}\" == \"\"", "{\"a\":{\"b\":{\"c\":true}}}",
	  NULL, "\"\" == \"\"" },
	{ "inverted: dotted names falsey",
	  "\"{{^a.b.c}}Not Here{{/a.b.c}}\" == \"Not Here\"",
	  "{\"a\":{\"b\":{\"c\":false}}}", NULL, "\"Not Here\" == \"Not Here\"" },
	{ "inverted: dotted names broken chains",
	  "\"{{^a.b.c}}Not Here{{/a.b.c}}\" == \"Not Here\"", "{\"a\":{}}", NULL,
	  "\"Not Here\" == \"Not Here\"" },
	{ "inverted: surrounding whitespace", " | {{^boolean}}\t|\t{{/boolean}} | \n",
	  "{\"boolean\":false}", NULL, " | \t|\t | \n" },
	{ "inverted: internal whitespace",
	  " | {{^boolean}} {{! Important Whitespace }}\n {{/boolean}} | \n",
	  "{\"boolean\":false}", NULL, " |  \n  | \n" },
	{ "inverted: indented inline sections",
	  " {{^boolean}}NO{{/boolean}}\n {{^boolean}}WAY{{/boolean}}\n",
	  "{\"boolean\":false}", NULL, " NO\n WAY\n" },
	{ "inverted: standalone lines",
	  "| This Is\n{{^boolean}}\n|\n{{/boolean}}\n| A Line\n",
	  "{\"boolean\":false}", NULL, "| This Is\n|\n| A Line\n" },
	{ "inverted: standalone indented lines",
	  "| This Is\n  {{^boolean}}\n|\n  {{/boolean}}\n| A Line\n",
	  "{\"boolean\":false}", NULL, "| This Is\n|\n| A Line\n" },
	{ "inverted: standalone line endings", "|\r\n{{^boolean}}\r\n{{/boolean}}\r\n|",
	  "{\"boolean\":false}", NULL, "|\r\n|" },
	{ "inverted: standalone without previous line",
	  "  {{^boolean}}\n^{{/boolean}}\n/", "{\"boolean\":false}", NULL, "^\n/" },
	{ "inverted: standalone without newline", "^{{^boolean}}\n/\n  {{/boolean}}",
	  "{\"boolean\":false}", NULL, "^\n/\n" },
	{ "inverted: padding", "|{{^ boolean }}={{/ boolean }}|",
	  "{\"boolean\":false}", NULL, "|=|" },

	/* comments.yml */
	{ "comments: inline", "12345{{! Comment Block! }}67890", "{}", NULL,
	  "1234567890" },
	{ "comments: multiline",
	  "12345{{!\n  This is a\n  multi-line comment...\n}}67890\n", "{}", NULL,
	  "1234567890\n" },
	{ "comments: standalone", "Begin.\n{{! Comment Block! }}\nEnd.\n", "{}", NULL,
	  "Begin.\nEnd.\n" },
	{ "comments: indented standalone",
	  "Begin.\n  {{! Indented Comment Block! }}\nEnd.\n", "{}", NULL,
	  "Begin.\nEnd.\n" },
	{ "comments: standalone line endings", "|\r\n{{! Standalone Comment }}\r\n|",
	  "{}", NULL, "|\r\n|" },
	{ "comments: standalone without previous line",
	  "  {{! I'm Still Standalone }}\n!", "{}", NULL, "!" },
	{ "comments: standalone without newline", "!\n  {{! I'm Still Standalone }}",
	  "{}", NULL, "!\n" },
	{ "comments: multiline standalone",
	  "Begin.\n{{!\nSomething's going on here...\n}}\nEnd.\n", "{}", NULL,
	  "Begin.\nEnd.\n" },
	{ "comments: indented multiline standalone",
	  "Begin.\n  {{!\n    Something's going on here...\n  }}\nEnd.\n", "{}", NULL,
	  "Begin.\nEnd.\n" },
	{ "comments: indented inline", "  12 {{! 34 }}\n", "{}", NULL, "  12 \n" },
	{ "comments: surrounding whitespace", "12345 {{! Comment Block! }} 67890",
	  "{}", NULL, "12345  67890" },
	{ "comments: variable name collision",
	  "comments never show: >{{! comment }}<",
	  "{\"! comment\":1,\"! comment \":2,\"!comment\":3,\"comment\":4}", NULL,
	  "comments never show: ><" },

	/* partials.yml */
	{ "partials: basic behavior", "\"{{>text}}\"", "{}",
	  "{\"text\":\"from partial\"}", "\"from partial\"" },
	{ "partials: failed lookup", "\"{{>text}}\"", "{}", "{}", "\"\"" },
	{ "partials: context", "\"{{>partial}}\"", "{\"text\":\"content\"}",
	  "{\"partial\":\"*{{text}}*\"}", "\"*content*\"" },
	{ "partials: recursion", "{{>node}}",
	  "{\"content\":\"X\",\"nodes\":[{\"content\":\"Y\",\"nodes\":[]}]}",
	  "{\"node\":\"{{content}}<{{#nodes}}{{>node}}{{/nodes}}>\"}", "X<Y<>>" },
	{ "partials: nested", "{{>outer}}", "{\"a\":\"hello\",\"b\":\"world\"}",
	  "{\"outer\":\"*{{a}} {{>inner}}*\",\"inner\":\"{{b}}!\"}",
	  "*hello world!*" },
	{ "partials: surrounding whitespace", "| {{>partial}} |", "{}",
	  "{\"partial\":\"\\t|\\t\"}", "| \t|\t |" },
	{ "partials: inline indentation", "  {{data}}  {{> partial}}\n",
	  "{\"data\":\"|\"}", "{\"partial\":\">\\n>\"}", "  |  >\n>\n" },
	{ "partials: standalone line endings", "|\r\n{{>partial}}\r\n|", "{}",
	  "{\"partial\":\">\"}", "|\r\n>|" },
	{ "partials: standalone without previous line", "  {{>partial}}\n>", "{}",
	  "{\"partial\":\">\\n>\"}", "  >\n  >>" },
	{ "partials: standalone without newline", ">\n  {{>partial}}", "{}",
	  "{\"partial\":\">\\n>\"}", ">\n  >\n  >" },
	{ "partials: standalone indentation", "\\\n {{>partial}}\n/\n",
	  "{\"content\":\"<\\n->\"}",
	  "{\"partial\":\"|\\n{{{content}}}\\n|\\n\"}",
	  "\\\n |\n <\n->\n |\n/\n" },
	{ "partials: padding whitespace", "|{{> partial }}|", "{\"boolean\":true}",
	  "{\"partial\":\"[]\"}", "|[]|" },
	{ "partials: nested indentation", "  {{>outer}}\n", "{}",
	  "{\"outer\":\"o\\n  {{>inner}}\\n\",\"inner\":\"i1\\ni2\\n\"}",
	  "  o\n    i1\n    i2\n" },
	{ "partials: missing callback renders empty", "[{{>p}}]", "{}", NULL, "[]" },

	/* delimiters.yml */
	{ "delims: pair behavior", "{{=<% %>=}}(<%text%>)", "{\"text\":\"Hey!\"}",
	  NULL, "(Hey!)" },
	{ "delims: special characters", "({{=[ ]=}}[text])",
	  "{\"text\":\"It worked!\"}", NULL, "(It worked!)" },
	{ "delims: sections",
	  "[\n{{#section}}\n  {{data}}\n  |data|\n{{/section}}\n\n{{= | | =}}\n"
	  "|#section|\n  {{data}}\n  |data|\n|/section|\n]\n",
	  "{\"section\":true,\"data\":\"I got interpolated.\"}", NULL,
	  "[\n  I got interpolated.\n  |data|\n\n  {{data}}\n  I got interpolated.\n]\n" },
	{ "delims: inverted sections",
	  "[\n{{^section}}\n  {{data}}\n  |data|\n{{/section}}\n\n{{= | | =}}\n"
	  "|^section|\n  {{data}}\n  |data|\n|/section|\n]\n",
	  "{\"section\":false,\"data\":\"I got interpolated.\"}", NULL,
	  "[\n  I got interpolated.\n  |data|\n\n  {{data}}\n  I got interpolated.\n]\n" },
	{ "delims: partial inheritence", "[ {{>include}} ]\n{{= | | =}}\n[ |>include| ]\n",
	  "{\"value\":\"yes\"}", "{\"include\":\".{{value}}.\"}",
	  "[ .yes. ]\n[ .yes. ]\n" },
	{ "delims: post-partial behavior", "[ {{>include}} ]\n[ .{{value}}.  .|value|. ]\n",
	  "{\"value\":\"yes\"}", "{\"include\":\".{{value}}. {{= | | =}} .|value|.\"}",
	  "[ .yes.  .yes. ]\n[ .yes.  .|value|. ]\n" },
	{ "delims: surrounding whitespace", "| {{=@ @=}} |", "{}", NULL, "|  |" },
	{ "delims: outlying whitespace (inline)", " | {{=@ @=}}\n", "{}", NULL,
	  " | \n" },
	{ "delims: standalone tag", "Begin.\n{{=@ @=}}\nEnd.\n", "{}", NULL,
	  "Begin.\nEnd.\n" },
	{ "delims: indented standalone tag", "Begin.\n  {{=@ @=}}\nEnd.\n", "{}", NULL,
	  "Begin.\nEnd.\n" },
	{ "delims: standalone line endings", "|\r\n{{= @ @ =}}\r\n|", "{}", NULL,
	  "|\r\n|" },
	{ "delims: standalone without previous line", "  {{=@ @=}}\n=", "{}", NULL,
	  "=" },
	{ "delims: standalone without newline", "=\n  {{=@ @=}}", "{}", NULL, "=\n" },
	{ "delims: pair with padding", "|{{= @   @ =}}|", "{}", NULL, "||" },
	{ "delims: triple mustache with new delimiters", "{{=<% %>=}}<%{x}%> <%x%>",
	  "{\"x\":\"<b>\"}", NULL, "<b> &lt;b&gt;" },

	/* birddog's own choices */
	{ "truthiness: 0, 0.0 and \"\" are falsey, {} is truthy",
	  "{{#i}}i{{/i}}{{#r}}r{{/r}}{{#s}}s{{/s}}{{#o}}o{{/o}}{{^i}}!i{{/i}}",
	  "{\"i\":0,\"r\":0.0,\"s\":\"\",\"o\":{}}", NULL, "o!i" },
	{ "numbers: negative, large and real", "{{a}} {{b}} {{c}} {{d}} {{e}}",
	  "{\"a\":-42,\"b\":9007199254740993,\"c\":0.1,\"d\":315000.0,\"e\":204.5}",
	  NULL, "-42 9007199254740993 0.1 315000 204.5" },
	{ "numbers: big whole real, exponent beyond 1e21", "{{a}} {{b}} {{c}}",
	  "{\"a\":1e20,\"b\":1e21,\"c\":-2.5e-7}", NULL,
	  "100000000000000000000 1e+21 -2.5e-07" },
	{ "booleans render as true/false", "{{t}}/{{f}}", "{\"t\":true,\"f\":false}",
	  NULL, "true/false" },
	{ "apostrophe is escaped", "{{s}}|{{{s}}}", "{\"s\":\"O'Neil\"}", NULL,
	  "O&#39;Neil|O'Neil" },
	{ "null key masks outer context", "{{#o}}[{{n}}]{{/o}}",
	  "{\"n\":\"outer\",\"o\":{\"n\":null}}", NULL, "[]" },
};

static int partial_from_json(void *ctx, const char *name, struct buf *out)
{
	json_t *src = json_object_get(ctx, name);

	if (!json_is_string(src))
		return -1;
	buf_add(out, json_string_value(src), json_string_length(src));
	return 0;
}

static void run_case(const struct tcase *tc)
{
	struct buf out = BUF_INIT, err = BUF_INIT;
	json_error_t jerr;
	json_t *data = json_loads(tc->data, JSON_DECODE_ANY, &jerr);
	json_t *parts = tc->partials ? json_loads(tc->partials, 0, &jerr) : NULL;
	struct template *t;

	if (!data || (tc->partials && !parts)) {
		check(0, tc->name);
		printf("#   bad JSON in the test: %s\n", jerr.text);
	} else if (!(t = template_parse(tc->tmpl, strlen(tc->tmpl), &err))) {
		check(0, tc->name);
		printf("#   parse error: %s\n", buf_cstr(&err));
	} else {
		int rc = template_render(t, data, parts ? partial_from_json : NULL,
					 parts, &out, &err);
		if (rc)
			printf("#   render error: %s\n", buf_cstr(&err));
		check_str(buf_cstr(&out), tc->want, tc->name);
		template_free(t);
	}
	json_decref(data);
	json_decref(parts);
	buf_release(&out);
	buf_release(&err);
}

struct ecase {
	const char *name;
	const char *tmpl;
	const char *err;
};

static const struct ecase parse_errors[] = {
	{ "error: unclosed section", "a\n{{#items}}\n{{name}}\n",
	  "line 2: unclosed section 'items'" },
	{ "error: innermost unclosed section", "{{#a}}\n{{#b}}\n{{/b}}\n{{#c}}\n",
	  "line 4: unclosed section 'c'" },
	{ "error: mismatched close tag", "{{#a}}\n{{#b}}\nx\n{{/a}}\n",
	  "line 4: closing tag 'a' does not match section 'b'" },
	{ "error: close without open", "one\ntwo {{/a}}",
	  "line 2: closing tag 'a' without an open section" },
	{ "error: unclosed tag", "line one\nline {{two\nthree\n",
	  "line 2: unclosed tag" },
	{ "error: unclosed triple mustache", "{{{a}}", "line 1: unclosed tag" },
	{ "error: unclosed comment", "\n\n{{! no end", "line 3: unclosed tag" },
	{ "error: unclosed tag after delimiter change", "{{=<% %>=}}\n<%a}}",
	  "line 2: unclosed tag" },
	{ "error: empty tag", "x\n{{ }}", "line 2: empty tag" },
	{ "error: space in name", "{{#a b}}{{/a b}}", "line 1: bad tag name 'a b'" },
	{ "error: bad delimiters", "{{=<%=}}",
	  "line 1: bad set-delimiter tag '<%'" },
	{ "error: three delimiters", "{{=< % >=}}",
	  "line 1: bad set-delimiter tag '< % >'" },
};

static void run_error(const struct ecase *ec)
{
	struct buf err = BUF_INIT;
	struct template *t = template_parse(ec->tmpl, strlen(ec->tmpl), &err);

	check(t == NULL, ec->name);
	check_str(buf_cstr(&err), ec->err, ec->name);
	template_free(t);
	buf_release(&err);
}

/* Renders tmpl with partials (JSON), expecting failure with message want. */
static void check_render_error(const char *tmpl, const char *partials,
			       const char *want, const char *what)
{
	struct buf out = BUF_INIT, err = BUF_INIT;
	json_t *parts = json_loads(partials, 0, NULL);
	json_t *data = json_object();
	struct template *t = template_parse(tmpl, strlen(tmpl), &err);

	check(t != NULL, what);
	if (t) {
		int rc = template_render(t, data, partial_from_json, parts, &out, &err);
		check_int(rc, -1, what);
		check_str(buf_cstr(&err), want, what);
	}
	template_free(t);
	json_decref(parts);
	json_decref(data);
	buf_release(&out);
	buf_release(&err);
}

static int record_name(void *ctx, const char *name, struct buf *out)
{
	buf_adds(ctx, name);
	buf_adds(out, "ok");
	return 0;
}

static void test_partial_names(void)
{
	struct buf seen = BUF_INIT, out = BUF_INIT;
	const char *src = "{{> ../../etc/passwd }}";
	struct template *t = template_parse(src, strlen(src), NULL);

	check(t != NULL, "partial name with dots parses");
	if (t) {
		check_int(template_render(t, NULL, record_name, &seen, &out, NULL), 0,
			  "partial name is passed through");
		check_str(buf_cstr(&seen), "../../etc/passwd",
			  "callback sees the raw name");
		check_str(buf_cstr(&out), "ok", "callback output is rendered");
	}
	template_free(t);
	buf_release(&seen);
	buf_release(&out);
}

static void test_escape(void)
{
	static const char *const in[] = {
		"&", "<", ">", "\"", "'", "a&b<c>d\"e'f", "plain", "",
	};
	static const char *const want[] = {
		"&amp;", "&lt;", "&gt;", "&quot;", "&#39;",
		"a&amp;b&lt;c&gt;d&quot;e&#39;f", "plain", "",
	};

	for (size_t i = 0; i < sizeof(in) / sizeof(in[0]); i++) {
		struct buf out = BUF_INIT;
		template_escape_html(&out, in[i], strlen(in[i]));
		check_str(buf_cstr(&out), want[i], "escape html");
		buf_release(&out);
	}
	struct buf out = BUF_INIT;
	template_escape_html(&out, "a<\0>b", 5);
	check_int(out.len, 11, "escape html keeps embedded NUL");
	buf_release(&out);
}

static void write_file(const char *path, const char *s)
{
	FILE *f = fopen(path, "w");
	if (f) {
		fputs(s, f);
		fclose(f);
	}
}

static void test_load_file(void)
{
	char dir[] = "/tmp/test_template.XXXXXX";
	struct buf err = BUF_INIT, out = BUF_INIT, want = BUF_INIT;

	if (!mkdtemp(dir)) {
		check(0, "mkdtemp");
		return;
	}
	char good[64], bad[64], missing[64];
	snprintf(good, sizeof(good), "%s/good.mustache", dir);
	snprintf(bad, sizeof(bad), "%s/bad.mustache", dir);
	snprintf(missing, sizeof(missing), "%s/missing.mustache", dir);
	write_file(good, "Hi {{name}}!\n");
	write_file(bad, "ok\n{{#a}}\n");

	struct template *t = template_load_file(good, &err);
	json_t *data = json_pack("{s:s}", "name", "Ann");
	check(t != NULL, "load good file");
	if (t)
		template_render(t, data, NULL, NULL, &out, &err);
	check_str(buf_cstr(&out), "Hi Ann!\n", "render loaded file");
	template_free(t);
	json_decref(data);

	check(template_load_file(bad, &err) == NULL, "load bad file fails");
	buf_printf(&want, "%s: line 2: unclosed section 'a'", bad);
	check_str(buf_cstr(&err), buf_cstr(&want), "bad file message");

	buf_reset(&err);
	buf_reset(&want);
	check(template_load_file(missing, &err) == NULL, "load missing file fails");
	buf_printf(&want, "%s: No such file or directory", missing);
	check_str(buf_cstr(&err), buf_cstr(&want), "missing file message");

	unlink(good);
	unlink(bad);
	rmdir(dir);
	buf_release(&err);
	buf_release(&out);
	buf_release(&want);
}

int main(void)
{
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		run_case(&cases[i]);
	for (size_t i = 0; i < sizeof(parse_errors) / sizeof(parse_errors[0]); i++)
		run_error(&parse_errors[i]);
	check_render_error("x{{>p}}", "{\"p\":\"a\\n{{#s}}\"}",
			   "partial 'p': line 2: unclosed section 's'",
			   "render error: partial that fails to parse");
	check_render_error("{{>self}}", "{\"self\":\"<{{>self}}\"}",
			   "partial 'self': nested deeper than 32",
			   "render error: runaway partial recursion");
	test_partial_names();
	test_escape();
	test_load_file();
	return tap_done();
}
