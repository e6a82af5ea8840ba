# debian/: the Debian packages nvagent, nvshutdown and nvagent-sim
# (scripts/package.sh builds them).  Each file is listed, so that a
# package build's leftovers in debian/ never reach the tarball.
EXTRA_DIST += debian/changelog debian/control debian/copyright debian/rules \
	debian/source/format debian/local.mk \
	debian/nvagent.install debian/nvagent.docs debian/nvagent.postinst \
	debian/nvagent.postrm debian/snmpd.conf.d/nvagent.conf \
	debian/nvshutdown.install debian/nvshutdown.postrm \
	debian/nvagent-sim.install
TESTS += tests/integration/debian_package_builds_installs_upgrades_and_purges.sh
