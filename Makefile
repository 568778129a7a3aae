# An index of the project's commands; each calls the Go tool.
.PHONY: site test serve bench fuzz clean

# The date the output carries (the PDFs'): the last commit's, so that two builds of the same
# commit give the same bytes; outside a git checkout, empty (sitegen then uses 1970-01-01).
# A date already in the environment wins.
SOURCE_DATE_EPOCH ?= $(shell git log -1 --format=%ct 2>/dev/null)
export SOURCE_DATE_EPOCH

# Build the site into public/ (replaced atomically; a failed build keeps the previous one).
site:
	go run ./cmd/sitegen build

# Vet and run every test; ends with the skipped tests and why, then "N passed, N failed, N skipped".
# Browser, PDF and accessibility tests skip without their tools, and fail under CI=true.
# Each browser test bounds its own tabs; the browser tests together take over go test's
# default 10 minutes on a busy machine, hence a package limit of 20.
test:
	go vet ./...
	go run ./cmd/internal/testsummary -timeout 20m ./...

# Serve the site on http://127.0.0.1:1313/ and rebuild what changes (Ctrl-C to stop).
serve:
	go run ./cmd/sitegen serve

# Measure sitegen beside Hugo (if installed), the serve edit loop and the checker; writes
# bench-results.md. Takes several minutes; not part of CI.
bench:
	go run ./cmd/internal/bench

# Run each fuzz target for a while (FUZZTIME=1m make fuzz).
FUZZTIME ?= 30s
fuzz:
	go test -run=^$$ -fuzz=FuzzRender -fuzztime=$(FUZZTIME) ./cmd/internal/markdown/
	go test -run=^$$ -fuzz=FuzzPackReader -fuzztime=$(FUZZTIME) ./cmd/internal/markdown/
	go test -run=^$$ -fuzz=FuzzReadState -fuzztime=$(FUZZTIME) ./cmd/internal/site/
	go test -run=^$$ -fuzz=FuzzIdentities -fuzztime=$(FUZZTIME) ./checks/evidence/
	go test -run=^$$ -fuzz=FuzzInfoMobileApp -fuzztime=$(FUZZTIME) ./checks/evidence/
	go test -run=^$$ -fuzz=FuzzAnswers -fuzztime=$(FUZZTIME) ./checks/evidence/
	go test -run=^$$ -fuzz=FuzzScannerMatchesCSV -fuzztime=$(FUZZTIME) ./checks/evidence/
	go test -run=^$$ -fuzz=FuzzRead -fuzztime=$(FUZZTIME) ./checks/evidence/
	go test -run=^$$ -fuzz=FuzzTextReport -fuzztime=$(FUZZTIME) ./checks/report/
	go test -run=^$$ -fuzz=FuzzSummaryRead -fuzztime=$(FUZZTIME) ./checks/summary/

clean:
	rm -rf public public.tmp-build public.old-build public.prev-build public.lock
