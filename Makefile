# wire — small Unix filters for news analysis.
# `make` builds bin/ and build/libwire.a; `make check` runs every test;
# `make demo` runs the pipeline over share/wire/samples. Both install the
# build dependencies first when they are missing (scripts/install-deps).

PREFIX    ?= /usr/local
BINDIR    ?= $(PREFIX)/bin
MANPREFIX ?= $(PREFIX)/share/man
DATADIR   ?= $(PREFIX)/share/wire
DESTDIR   ?=

CC      ?= cc
CFLAGS  ?= -O2 -g
WARN     = -Wall -Wextra -Wpedantic -Wstrict-prototypes -Wwrite-strings -Wvla \
           -Wshadow -Wno-unused-parameter
CPPFLAGS += -Iinclude -D_GNU_SOURCE -DWIRE_DATADIR='"$(DATADIR)"' -DWIRE_BINDIR='"$(BINDIR)"' \
            -DWIRE_VERSION='"$(VERSION)"'
LDLIBS   = -ljq -lcsv -lutf8proc -lz -lpthread -lm
VERSION  = 0.1.0

# ISA-L's inflater reads gzip input when libisal-dev is installed; ISAL=0
# builds with zlib alone (the portable default).
ISAL ?= $(shell printf '\043include <isa-l/igzip_lib.h>\n' | $(CC) -E - >/dev/null 2>&1 && echo 1)
ifeq ($(ISAL),1)
CPPFLAGS += -DWIRE_ISAL
LDLIBS   += -lisal
endif

ifneq ($(SANITIZE),)
CFLAGS  += -fsanitize=$(SANITIZE) -fno-omit-frame-pointer -fno-sanitize-recover=all
LDFLAGS += -fsanitize=$(SANITIZE)
endif

# DEVELOPER=1: warnings are errors (CI builds this way).
ifeq ($(DEVELOPER),1)
WARN += -Werror
endif

ALL_CFLAGS = -std=c11 $(WARN) $(CFLAGS)

LIB_SRC  = $(wildcard lib/*/*.c)
LIB_OBJ  = $(LIB_SRC:lib/%.c=build/lib/%.o)
TOOLS    = $(patsubst tools/%.c,bin/%,$(wildcard tools/wire-*.c))
UNIT_SRC = $(wildcard tests/unit/test_*.c)
UNITS    = $(UNIT_SRC:tests/unit/%.c=build/tests/%)
MANS     = $(wildcard man/man1/*.1)

.PHONY: all check check-cluster check-runner test-install unit demo deps install uninstall clean model eval-ner bench \
        fuzz fuzz-smoke fuzz-clean
.SUFFIXES:

all: $(TOOLS)

build/libwire.a: $(LIB_OBJ)
	@mkdir -p $(@D)
	$(AR) rcs $@ $(LIB_OBJ)

# -MMD -MP: each object depends on the headers it includes, no more.
DEPFLAGS = -MMD -MP

build/lib/%.o: lib/%.c
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS) $(DEPFLAGS) $(ALL_CFLAGS) -c -o $@ $<

bin/%: tools/%.c build/libwire.a
	@mkdir -p $(@D) build/tools
	$(CC) $(CPPFLAGS) -MMD -MP -MF build/tools/$*.d $(ALL_CFLAGS) $(LDFLAGS) -o $@ $< build/libwire.a $(LDLIBS)

build/tests/%: tests/unit/%.c build/libwire.a
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS) $(DEPFLAGS) -MF build/tests/$*.d $(ALL_CFLAGS) $(LDFLAGS) -o $@ $< build/libwire.a $(LDLIBS) -lcmocka

unit: $(UNITS)

# Installs missing build dependencies (apt-get; sudo when not root).
deps:
	@sh scripts/install-deps

check: deps
	@$(MAKE) --no-print-directory all unit
	@sh tests/run-all $(UNITS)

# Scale-out tests (tests/cluster): pipelines/parallel.sh over local cores and a
# loopback sshd, pipelines/slurm.sh on a single-node Slurm cluster the test
# brings up; each skips with its reason where its daemons cannot start.
check-cluster: all
	@sh tests/cluster/run

# Self-test of the CLI runner: with every tool replaced by one that dies of
# SIGSEGV, every case must fail (tests/lib/check-runner).
check-runner: all
	@sh tests/lib/check-runner

demo: deps
	@$(MAKE) --no-print-directory all
	@sh pipelines/demo.sh

install: all
	mkdir -p $(DESTDIR)$(BINDIR) $(DESTDIR)$(MANPREFIX)/man1 $(DESTDIR)$(DATADIR)
	cp -f $(TOOLS) $(DESTDIR)$(BINDIR)/
	if [ -n "$(MANS)" ]; then cp -f $(MANS) $(DESTDIR)$(MANPREFIX)/man1/; fi
	cp -Rf share/wire/. $(DESTDIR)$(DATADIR)/

# Installs into a scratch DESTDIR with another PREFIX, runs the installed
# tools on the samples, checks man pages and data, uninstalls.
test-install: all
	@sh tests/install/run

uninstall:
	for t in $(TOOLS); do rm -f $(DESTDIR)$(BINDIR)/$${t#bin/}; done
	for m in $(MANS); do rm -f $(DESTDIR)$(MANPREFIX)/man1/$${m#man/man1/}; done
	rm -rf $(DESTDIR)$(DATADIR)

# Retrains share/wire/ner.model from CoNLL-2003 (research data, not shipped).
CONLL ?= ../shared/data/conll2003
model: all
	sh scripts/train-ner $(CONLL)

# Per-type P/R/F1 of the shipped NER model on CoNLL-2003 dev.
eval-ner: all
	sh bench/eval-ner.sh $(CONLL)

# Every benchmark script; each runs its baseline in the same run.
bench: all
	for b in bench/*.sh; do echo "== $$b"; sh $$b || exit 1; done

# libFuzzer harnesses (clang, in build/fuzz/; docs/fuzzing.md): `make fuzz`
# builds them and their seeds, `make fuzz-smoke` runs each FUZZ_RUNS times.
fuzz fuzz-smoke fuzz-clean:
	@$(MAKE) --no-print-directory -f tests/fuzz/fuzz.mk $@

clean:
	rm -rf bin build

-include $(LIB_OBJ:.o=.d) $(TOOLS:bin/%=build/tools/%.d) $(UNITS:=.d)
