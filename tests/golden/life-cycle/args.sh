# The run behind the golden files: one day of a small center whose contacts take every path
# of the life cycle (abandon, retrial, hop, callback offered while waiting and at closing,
# overflow to an outsourcer, give-up, the e-mail backlog carried over closed hours, at_close),
# two replications, the scenario's seed (sourced by scripts/update-golden.sh and
# tests/cli/golden.sh; scenario.json says what each part exercises).
golden_scenario=tests/golden/life-cycle/scenario.json
golden_args=(-r 2)
