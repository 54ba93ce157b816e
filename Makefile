# accord — build, test and demo. `make` builds build/accord; `make check` runs every test;
# `make demo` sets up, builds and serves the demo on http://127.0.0.1:8080.

CC ?= cc
# icu-uc icu-i18n: ICU's spoof checker holds the Unicode confusables (UTS #39) the leak check and organisation names fold to; Debian ships no confusables.txt.
PKGS = libmicrohttpd jansson sqlite3 libsodium libcurl libical libcmark libpq icu-uc icu-i18n
WARN = -Wall -Wextra -Wshadow -Wstrict-prototypes -Wmissing-prototypes -Wformat=2 -Wno-format-nonliteral
CFLAGS ?= -O2 -g
CFLAGS += -std=gnu11 $(WARN) -D_FORTIFY_SOURCE=2 -fstack-protector-strong
ifneq ($(CI),)
CFLAGS += -Werror
endif
PKG_CFLAGS = $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS = $(shell pkg-config --libs $(PKGS) 2>/dev/null) -lunistring -lpthread -lm

SRC_LIB = $(wildcard src/util/*.c src/domain/*.c src/store/*.c src/service/*.c src/http/*.c src/cli/*.c)
MIGRATIONS = $(sort $(wildcard src/store/migrations/*.sql))
GEN = build/gen/migrations.c build/gen/assets.c build/gen/common_passwords.c
HEADERS = $(wildcard src/*.h src/*/*.h) src/store/statements.def src/store/statements_pg.def

OBJ = $(patsubst src/%.c,build/obj/%.o,$(SRC_LIB)) $(patsubst build/gen/%.c,build/obj/gen/%.o,$(GEN))
ASAN_OBJ = $(patsubst build/obj/%,build/asan/%,$(OBJ))
ASAN_FLAGS = -O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined

UNIT_TESTS = $(patsubst tests/unit/%.c,build/tests/%,$(wildcard tests/unit/test_*.c))

.PHONY: all setup check demo clean bench fuzz unit api browser asan

all: build/accord

setup:
	@scripts/setup

build/gen/migrations.c: scripts/embed-migrations $(MIGRATIONS)
	@mkdir -p $(@D)
	scripts/embed-migrations $(MIGRATIONS) > $@

build/gen/assets.c: scripts/embed-asset src/http/assets/style.css
	@mkdir -p $(@D)
	scripts/embed-asset asset_style_css src/http/assets/style.css > $@

build/gen/common_passwords.c: scripts/embed-lines src/domain/common_passwords.txt
	@mkdir -p $(@D)
	scripts/embed-lines common_passwords src/domain/common_passwords.txt > $@

build/obj/%.o: src/%.c $(HEADERS)
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) $(PKG_CFLAGS) -c $< -o $@

build/obj/gen/%.o: build/gen/%.c
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) -Wno-missing-prototypes -c $< -o $@

# The server's allocator is jemalloc: under a long load glibc's malloc kept ever more freed
# memory (src/util/heap.c, docs/reliability.md). The sanitizer builds keep their own.
build/accord: build/obj/main.o $(filter-out build/obj/main.o,$(OBJ))
	$(CC) $(CFLAGS) -o $@ $^ $(PKG_LIBS) $(shell pkg-config --libs jemalloc 2>/dev/null || echo -ljemalloc)

# The same binary under AddressSanitizer + UndefinedBehaviorSanitizer, for the test suite.
build/asan/%.o: src/%.c $(HEADERS)
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) $(ASAN_FLAGS) $(PKG_CFLAGS) -c $< -o $@

build/asan/gen/%.o: build/gen/%.c
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) $(ASAN_FLAGS) -Wno-missing-prototypes -c $< -o $@

build/accord-asan: build/asan/main.o $(filter-out build/asan/main.o,$(ASAN_OBJ))
	$(CC) $(CFLAGS) $(ASAN_FLAGS) -o $@ $^ $(PKG_LIBS)

# Unit tests link the library objects (not main) under the sanitizers.
build/tests/%: tests/unit/%.c tests/harness.h $(filter-out build/asan/main.o,$(ASAN_OBJ))
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) $(ASAN_FLAGS) $(PKG_CFLAGS) -Isrc -o $@ $< $(filter-out build/asan/main.o,$(ASAN_OBJ)) $(PKG_LIBS)

build/tests/api: tests/api/*.c tests/api/*.h tests/harness.h
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) $(ASAN_FLAGS) $(shell pkg-config --cflags jansson libcurl libical) -o $@ $(filter %.c,$^) $(shell pkg-config --libs jansson libcurl libical)

check: setup build/accord build/accord-asan $(UNIT_TESTS) build/tests/api
	@tests/run

demo: setup build/accord
	@mkdir -p demo
	@rm -f demo/accord.db demo/accord.db-wal demo/accord.db-shm
	@build/accord init --db demo/accord.db
	@build/accord demo --db demo/accord.db > demo/logins.txt
	@echo "Log in at http://127.0.0.1:8080 with any of these (ROLE EMAIL PASSWORD, also in demo/logins.txt):"
	@cat demo/logins.txt
	build/accord serve --db demo/accord.db --listen 127.0.0.1:8080

# wrk against accord and nginx on the large dataset; appends to bench/RESULTS.md (bench/README.md).
bench: setup
	bench/run

clean:
	rm -rf build

include mk/fuzz.mk
include mk/crash.mk
include mk/soak.mk
