# Test harness.  tests/unit: Check programs, one per module, no process
# started.  tests/integration: shell scripts (and Check programs) that run
# the real programs (snmpd, nvsim, nvagentd, snmptrapd) on loopback in a
# private temp dir.  tests/bench: scripts that print figures, not run here.
# Exit 77 = skipped (with the reason).
TEST_EXTENSIONS = .sh
SH_LOG_COMPILER = $(BASH)
AM_TESTS_ENVIRONMENT = \
	NV_BUILDDIR='$(abs_top_builddir)'; export NV_BUILDDIR; \
	NV_SRCDIR='$(abs_top_srcdir)'; export NV_SRCDIR; \
	CK_DEFAULT_TIMEOUT=30; export CK_DEFAULT_TIMEOUT;
NV_CHECK_CFLAGS = $(AM_CFLAGS) $(CHECK_CFLAGS) $(MODBUS_CFLAGS) $(CONFUSE_CFLAGS) \
	-I$(top_srcdir)/tests/lib
NV_CHECK_LIBS = tests/lib/libcheckmain.a $(NV_CORE_LIBS) $(CHECK_LIBS)

# The one main() of every Check program: it runs the suites the test file
# lists in nv_test_suites (tests/lib/check_main.h).
check_LIBRARIES = tests/lib/libcheckmain.a
tests_lib_libcheckmain_a_SOURCES = tests/lib/check_main.h tests/lib/check_main.c
tests_lib_libcheckmain_a_CFLAGS = $(AM_CFLAGS) $(CHECK_CFLAGS)
# Test scripts and helpers are copied from the source tree only: an
# EXTRA_DIST directory would be taken from the build tree when one of that
# name exists there, and the build tree's tests/integration holds logs.
dist-hook: dist-tests
dist-tests:
	for d in tests/lib tests/integration tests/bench; do \
		$(MKDIR_P) "$(distdir)/$$d" && \
		cp -p "$(srcdir)/$$d"/* "$(distdir)/$$d/" || exit 1; \
	done
.PHONY: dist-tests
