# crash: the crash-safety driver (tests/crash/crash.c) — concurrent writes, SIGKILL at random moments,
# every acknowledged write checked — and the backup-under-load test. tests/crash/run.sh runs both on
# SQLite and PostgreSQL (short form in tests/run); `make crash-long` runs CRASH_KILLS kills per backend.

CRASH_KILLS ?= 200
CRASH_PKGS = jansson libcurl sqlite3 libpq

.PHONY: crash-long

# tests/run (make check) runs tests/crash/run.sh and tests/crash/backup.sh, which drive this binary.
check: build/tests/crash

build/tests/crash: tests/crash/crash.c
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) $(shell pkg-config --cflags $(CRASH_PKGS)) -o $@ $< $(shell pkg-config --libs $(CRASH_PKGS)) -lpthread

crash-long: setup build/accord build/tests/crash
	@CRASH_KILLS=$(CRASH_KILLS) tests/crash/run.sh build/accord
