# The run behind the golden files: one day of the one-channel M/M/n scenario at low volume,
# two replications, fixed seed (sourced by scripts/update-golden.sh and tests/cli/golden.sh).
golden_scenario=scenarios/tiny-mmn.json
golden_args=(-r 2 -s 7 --set horizon_days=1 --set channels.phone.daily_volume=100
             --set channels.phone.agents=2)
