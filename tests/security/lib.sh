# lib.sh - shared by the tests/security scripts: the counters of
# tests/counts.sh (pass, fail, skip, check, finish).
. tests/counts.sh
