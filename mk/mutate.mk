# Mutation testing (tools/mutate.py, docs/reliability.md): each mutation of tests/mutations.py
# applied in a scratch copy (build/mutate/tree), built, and its named tests run; a survivor fails.
#   make mutate            every mutation (minutes)
#   make mutate M=ports    only those whose file or description contains "ports"
M ?=

.PHONY: mutate
mutate: deps
	@$(PYTHON) tools/mutate.py $(if $(M),-k '$(M)')
