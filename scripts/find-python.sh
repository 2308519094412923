#!/usr/bin/env bash
# Print the path of a Python 3.10 interpreter that actually runs.
# Rasa 3.6 supports Python < 3.11 only. A pyenv shim named python3.10 may be on
# PATH and still fail (no version selected), so each candidate is executed.
set -u
works() { "$1" -c 'import sys; assert sys.version_info[:2] == (3, 10)' >/dev/null 2>&1; }

for candidate in "${PYTHON310:-}" "$(command -v python3.10 2>/dev/null)"; do
  if [ -n "$candidate" ] && works "$candidate"; then echo "$candidate"; exit 0; fi
done
root="$(pyenv root 2>/dev/null || echo "$HOME/.pyenv")"
for candidate in $(ls -d "$root"/versions/3.10.*/bin/python3.10 2>/dev/null | sort -V -r); do
  if works "$candidate"; then echo "$candidate"; exit 0; fi
done
for candidate in /usr/bin/python3.10 /usr/local/bin/python3.10; do
  if [ -x "$candidate" ] && works "$candidate"; then echo "$candidate"; exit 0; fi
done
cat >&2 <<'MSG'
No working Python 3.10 found (Rasa 3.6 needs Python 3.8-3.10).
Install one, for example with pyenv:   pyenv install 3.10
or point to it explicitly:             make PYTHON310=/path/to/python3.10
MSG
exit 1
