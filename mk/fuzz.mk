# fuzz: libFuzzer drivers (tests/fuzz/fuzz_*.c) linked against the library objects compiled with
# clang under the fuzzer's coverage, AddressSanitizer and UndefinedBehaviorSanitizer, in build/fuzz/.
# `make fuzz` runs each driver for FUZZ_SECONDS; tests/fuzz/run.sh (in `make check`) replays the
# committed corpus and runs each for a short time. See docs/reliability.md.

FUZZ_CC ?= clang
FUZZ_SECONDS ?= 600
FUZZ_SANITIZE = -fsanitize=address,undefined -fno-sanitize-recover=undefined -fno-omit-frame-pointer
FUZZ_CFLAGS = -O1 -g -std=gnu11 $(WARN) $(FUZZ_SANITIZE)
ifneq ($(CI),)
FUZZ_CFLAGS += -Werror
endif

FUZZ_NAMES = $(patsubst tests/fuzz/fuzz_%.c,%,$(wildcard tests/fuzz/fuzz_*.c))
FUZZ_BIN = $(patsubst %,build/fuzz/fuzz_%,$(FUZZ_NAMES))
FUZZ_OBJ = $(patsubst build/obj/%,build/fuzz/obj/%,$(filter-out build/obj/main.o,$(OBJ)))

.PHONY: fuzz fuzz-build

build/fuzz/obj/%.o: src/%.c $(HEADERS)
	@mkdir -p $(@D)
	$(FUZZ_CC) $(FUZZ_CFLAGS) -fsanitize=fuzzer-no-link $(PKG_CFLAGS) -c $< -o $@

build/fuzz/obj/gen/%.o: build/gen/%.c
	@mkdir -p $(@D)
	$(FUZZ_CC) $(FUZZ_CFLAGS) -Wno-missing-prototypes -c $< -o $@

# An archive, so that each driver links only the objects it reaches.
build/fuzz/libaccord.a: $(FUZZ_OBJ)
	@rm -f $@
	ar rcs $@ $^

build/fuzz/fuzz_%: tests/fuzz/fuzz_%.c tests/fuzz/fuzz.h build/fuzz/libaccord.a
	$(FUZZ_CC) $(FUZZ_CFLAGS) -fsanitize=fuzzer $(PKG_CFLAGS) -Isrc -o $@ $< build/fuzz/libaccord.a $(PKG_LIBS)

fuzz-build: $(FUZZ_BIN)

# Each driver for FUZZ_SECONDS (default 600) from the committed corpus; what it adds goes to
# build/fuzz/work/NAME (kept between runs), crashes to build/fuzz/artifacts/.
fuzz: setup fuzz-build
	@tests/fuzz/run.sh --long $(FUZZ_SECONDS)
