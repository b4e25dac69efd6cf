# libFuzzer harnesses of wire (docs/fuzzing.md), run from the top Makefile:
#   make fuzz         build build/fuzz/bin/<target> and the seed corpora
#   make fuzz-smoke   each target for FUZZ_RUNS executions (TAP; CI leg)
#   make fuzz-clean   remove build/fuzz
# The library is compiled again with clang into build/fuzz/ (instrumented
# for coverage, ASan and UBSan), apart from the gcc build of `make`.

FUZZ_CC     ?= clang
FUZZ_CFLAGS ?= -O1 -g
FUZZ_SAN     = -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer
FUZZ_RUNS   ?= 20000
FUZZ_DIR     = build/fuzz
DATADIR     ?= /usr/local/share/wire

CPPFLAGS = -Iinclude -D_GNU_SOURCE -DWIRE_DATADIR='"$(DATADIR)"' -DWIRE_BINDIR='"/usr/local/bin"' \
           -DWIRE_VERSION='"fuzz"'
LDLIBS   = -ljq -lcsv -lutf8proc -lz -lpthread -lm
ISAL ?= $(shell printf '\043include <isa-l/igzip_lib.h>\n' | $(FUZZ_CC) -E - >/dev/null 2>&1 && echo 1)
ifeq ($(ISAL),1)
CPPFLAGS += -DWIRE_ISAL
LDLIBS   += -lisal
endif
WARN = -Wall -Wextra -Wno-unused-parameter -Wno-unused-function

LIB_SRC      = $(wildcard lib/*/*.c)
FUZZ_LIB_OBJ = $(LIB_SRC:lib/%.c=$(FUZZ_DIR)/lib/%.o)
FUZZ_SRC     = $(filter-out tests/fuzz/fuzz.h,$(wildcard tests/fuzz/*.c))
FUZZ_TARGETS = $(FUZZ_SRC:tests/fuzz/%.c=%)
FUZZ_BINS    = $(FUZZ_TARGETS:%=$(FUZZ_DIR)/bin/%)

.PHONY: fuzz fuzz-smoke fuzz-clean fuzz-seeds
.SUFFIXES:

fuzz: $(FUZZ_BINS) fuzz-seeds

fuzz-seeds:
	@sh scripts/fuzz-seeds $(FUZZ_DIR)/seeds $(FUZZ_TARGETS)

fuzz-smoke: fuzz
	@sh scripts/fuzz-smoke $(FUZZ_DIR) $(FUZZ_RUNS) $(FUZZ_TARGETS)

fuzz-clean:
	rm -rf $(FUZZ_DIR)

$(FUZZ_DIR)/lib/%.o: lib/%.c
	@mkdir -p $(@D)
	$(FUZZ_CC) $(CPPFLAGS) -MMD -MP -std=c11 $(WARN) $(FUZZ_CFLAGS) $(FUZZ_SAN) \
		-fsanitize=fuzzer-no-link -c -o $@ $<

$(FUZZ_DIR)/libwire.a: $(FUZZ_LIB_OBJ)
	@mkdir -p $(@D)
	rm -f $@
	$(AR) rcs $@ $(FUZZ_LIB_OBJ)

$(FUZZ_DIR)/bin/%: tests/fuzz/%.c tests/fuzz/fuzz.h $(FUZZ_DIR)/libwire.a
	@mkdir -p $(@D)
	$(FUZZ_CC) $(CPPFLAGS) -Ilib -DFUZZ_DATADIR='"$(CURDIR)/share/wire"' -std=c11 $(WARN) \
		$(FUZZ_CFLAGS) $(FUZZ_SAN) -fsanitize=fuzzer -o $@ $< $(FUZZ_DIR)/libwire.a $(LDLIBS)

-include $(FUZZ_LIB_OBJ:.o=.d)
