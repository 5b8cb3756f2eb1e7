# SPDX-License-Identifier: MIT
# birddog: build, test, install.  GNU make.

PREFIX   ?= /usr/local
BINDIR   ?= $(PREFIX)/bin
MANDIR   ?= $(PREFIX)/share/man
DESTDIR  ?=
VERSION  := 0.1.0

CC       ?= cc
CFLAGS   ?= -O2 -g
PKGS     := jansson libcurl sqlite3 libxml-2.0 libpcre2-8 libcrypto
PKG_CFLAGS := $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS   := $(shell pkg-config --libs $(PKGS) 2>/dev/null) -lcsv -lm
# Only score (and the unit tests, which link every module) needs XGBoost.
XGB_LIBS   := $(or $(shell pkg-config --libs xgboost 2>/dev/null),-lxgboost)

override CFLAGS   += -std=c11 -pthread -Wall -Wextra -Werror -D_GNU_SOURCE \
                     -DBIRDDOG_VERSION='"$(VERSION)"' -iquote lib $(PKG_CFLAGS) -MMD -MP
override LDLIBS   += $(PKG_LIBS) -pthread

# lib/ is what the programs share (libbirddog.a); cmd/PROG/ is one program:
# its main.c and the modules only it uses. Unit tests link the modules of
# every program (without their main.o) under ASan/UBSan.
B        := build
LIB_SRC  := $(wildcard lib/*.c)
NAMES    := $(notdir $(wildcard cmd/*))
MOD_SRC  := $(filter-out %/main.c,$(wildcard cmd/*/*.c))
UNIT_SRC := $(wildcard tests/unit/*.c)
PROGS    := $(addprefix $(B)/bin/,$(NAMES))
LIB_OBJ  := $(patsubst %.c,$(B)/obj/%.o,$(LIB_SRC))
ASAN_OBJ := $(patsubst %.c,$(B)/asan/%.o,$(LIB_SRC) $(MOD_SRC))
UNITS    := $(patsubst tests/unit/%.c,$(B)/unit/%,$(UNIT_SRC))
UNIT_INC := $(addprefix -iquote cmd/,$(NAMES))
# The installed defaults: the scorecard, the model spec and templates of testdata's tenant,
# and the example tenant.json (an identity mailout will not send as), staged
# in build/share/birddog beside build/bin, so a built tree finds them as an
# installed one does (paths_share_dir).
SHARE_SRC := testdata/config/default
SHARE_IN  := $(SHARE_SRC)/scorecard.json $(SHARE_SRC)/avm-spec.json $(wildcard $(SHARE_SRC)/templates/*)
SHARE     := $(patsubst $(SHARE_SRC)/%,$(B)/share/birddog/%,$(SHARE_IN)) \
	     $(B)/share/birddog/tenant.json
MAN1     := $(wildcard man/*.1)
MAN57    := $(wildcard man/*.5 man/*.7)
# make V=1 shows the full commands.
ifeq ($(V),1)
Q :=
else
Q := @
endif
SANITIZE := -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all

# Keep objects make considers intermediate (cmd/*.o), so re-runs stay quiet.
.SECONDARY:

.PHONY: all deps check unit prove manlint demo bench fuzz install uninstall clean
all: $(PROGS) $(SHARE) $(B)/bin/birddog-pipeline

# The cron entry, under the name it is installed by.
$(B)/bin/birddog-pipeline: scripts/pipeline Makefile
	@mkdir -p $(@D)
	$(Q)sed 's/^version=dev /version=$(VERSION) /' $< >$@.tmp && chmod 755 $@.tmp && mv $@.tmp $@

$(B)/share/birddog/tenant.json: testdata/config/example/tenant.json
	@mkdir -p $(@D)
	$(Q)cp $< $@

$(B)/share/birddog/%: $(SHARE_SRC)/%
	@mkdir -p $(@D)
	$(Q)cp $< $@

$(B)/obj/%.o: %.c
	@mkdir -p $(@D)
	@$(if $(Q),echo "  CC      $<")
	$(Q)$(CC) $(CPPFLAGS) $(CFLAGS) -c -o $@ $<

$(B)/asan/%.o: %.c
	@mkdir -p $(@D)
	@$(if $(Q),echo "  CC/ASAN $<")
	$(Q)$(CC) $(CPPFLAGS) $(CFLAGS) $(SANITIZE) -O1 -c -o $@ $<

$(B)/libbirddog.a: $(LIB_OBJ)
	$(Q)rm -f $@ && $(AR) rcs $@ $^

# For the unit tests: lib/ and every program's modules, under ASan/UBSan.
$(B)/libbirddog-asan.a: $(ASAN_OBJ)
	$(Q)rm -f $@ && $(AR) rcs $@ $^

# A program: the objects of its folder, then the shared archive.
prog_objs = $(patsubst %.c,$(B)/obj/%.o,$(wildcard cmd/$(1)/*.c))
.SECONDEXPANSION:
$(B)/bin/%: $$(call prog_objs,$$*) $(B)/libbirddog.a
	@mkdir -p $(@D)
	@$(if $(Q),echo "  LINK    $@")
	$(Q)$(CC) $(LDFLAGS) -o $@ $^ $(LDLIBS)

$(B)/asan/tests/unit/%.o: tests/unit/%.c
	@mkdir -p $(@D)
	@$(if $(Q),echo "  CC/ASAN $<")
	$(Q)$(CC) $(CPPFLAGS) $(CFLAGS) $(UNIT_INC) $(SANITIZE) -O1 -c -o $@ $<

$(B)/bin/score $(UNITS): LDLIBS += $(XGB_LIBS)

$(B)/unit/%: $(B)/asan/tests/unit/%.o $(B)/libbirddog-asan.a
	@mkdir -p $(@D)
	@$(if $(Q),echo "  LINK    $@")
	$(Q)$(CC) $(LDFLAGS) $(SANITIZE) -o $@ $^ $(LDLIBS)

deps:
	@scripts/install-deps

unit: $(UNITS)
	@for t in $(UNITS); do echo "# $$t"; $$t || exit 1; done

# Unit tests (under ASan/UBSan), then the shell tests, through prove.
check: deps
	@$(MAKE) --no-print-directory all $(UNITS)
	prove -e '' $(UNITS)
	prove -e sh tests/*.t

manlint:
	mandoc -Tlint -Wwarning $(MAN1) $(MAN57)

demo: deps
	@$(MAKE) --no-print-directory all
	@scripts/demo

bench: all
	@scripts/bench

# libFuzzer on the record layer (needs clang): make fuzz FUZZ_SECONDS=300
FUZZ_SECONDS ?= 60
fuzz:
	@mkdir -p $(B)/fuzz/corpus
	clang -g -O1 -std=c11 -D_GNU_SOURCE -iquote lib $(PKG_CFLAGS) \
		-fsanitize=fuzzer,address,undefined -o $(B)/fuzz/fuzz_record \
		tests/fuzz/fuzz_record.c $(LIB_SRC) $(LDLIBS)
	cp testdata/score/*.ndjson testdata/enrich/listings.ndjson $(B)/fuzz/corpus/
	$(B)/fuzz/fuzz_record -max_total_time=$(FUZZ_SECONDS) -max_len=4096 $(B)/fuzz/corpus

SHAREDIR ?= $(PREFIX)/share/birddog
install: all
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(MANDIR)/man1 $(DESTDIR)$(MANDIR)/man5 $(DESTDIR)$(MANDIR)/man7
	install -d $(DESTDIR)$(SHAREDIR)/templates
	install -m 644 $(SHARE_SRC)/scorecard.json $(SHARE_SRC)/avm-spec.json testdata/config/example/tenant.json $(DESTDIR)$(SHAREDIR)
	install -m 644 $(SHARE_SRC)/templates/* $(DESTDIR)$(SHAREDIR)/templates
	install -m 755 $(PROGS) $(DESTDIR)$(BINDIR)
	install -m 755 $(B)/bin/birddog-pipeline $(DESTDIR)$(BINDIR)/birddog-pipeline
	install -m 644 $(MAN1) $(DESTDIR)$(MANDIR)/man1
	install -m 644 $(wildcard man/*.5) $(DESTDIR)$(MANDIR)/man5
	install -m 644 $(wildcard man/*.7) $(DESTDIR)$(MANDIR)/man7

uninstall:
	rm -f $(patsubst $(B)/bin/%,$(DESTDIR)$(BINDIR)/%,$(PROGS)) $(DESTDIR)$(BINDIR)/birddog-pipeline
	rm -rf $(DESTDIR)$(SHAREDIR)
	rm -f $(patsubst man/%,$(DESTDIR)$(MANDIR)/man1/%,$(MAN1))
	rm -f $(patsubst man/%,$(DESTDIR)$(MANDIR)/man5/%,$(wildcard man/*.5))
	rm -f $(patsubst man/%,$(DESTDIR)$(MANDIR)/man7/%,$(wildcard man/*.7))

clean:
	rm -rf $(B)

-include $(shell find $(B) -name '*.d' 2>/dev/null)
