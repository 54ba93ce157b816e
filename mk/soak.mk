# soak: load and slow clients. `make soak` is the long form: wrk with 256 connections for
# SOAK_SECONDS (60) over a mix of reads and writes, memory sampled every second, the slow-client,
# limit and graceful-stop tests, and the crash test's long form where it exists. The short form
# (15 s) is part of `make check` through tests/run. See docs/reliability.md.

SOAK_SECONDS ?= 60

.PHONY: soak

build/tests/soak_slow: tests/soak/slow.c tests/harness.h
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) $(ASAN_FLAGS) -o $@ tests/soak/slow.c -lpthread

check: build/tests/soak_slow

soak: setup build/accord build/tests/soak_slow
	@tests/soak/soak.sh build/accord $(SOAK_SECONDS)
	@if $(MAKE) -n crash-long >/dev/null 2>&1; then $(MAKE) crash-long; else echo "soak: no crash-long target here; the crash test's long form is skipped"; fi
