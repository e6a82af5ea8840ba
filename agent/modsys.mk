# Modular systems (VU-MAP 06:08, up to 4 units x 24 modules): the
# end-to-end check through nvctl and the SOCOMEC MIB.
TESTS += tests/integration/modular_system_shows_units_and_modules.sh
