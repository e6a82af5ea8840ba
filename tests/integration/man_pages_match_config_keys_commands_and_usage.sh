#!/bin/bash
# Every config key the parsers accept (nvagentd's and nvshutdown's
# libconfuse tables) is in its man page, every control command is in
# nvctl(8) and in `nvctl --help`, and each program's usage line names
# the same options as its man page's SYNOPSIS.
. "$NV_SRCDIR/tests/lib/common.sh"
nv_setup
out=$(python3 - "$NV_SRCDIR" "$NV_BUILDDIR" <<'PY' 2>&1
import re, subprocess, sys, os
src, build = sys.argv[1], sys.argv[2]
def read(p): return open(os.path.join(src, p), encoding="utf-8").read()
def unescape(t): return t.replace("\\-", "-").replace("\\(dq", '"')
def bold_words(man):
    out = set()
    for line in unescape(read(man)).splitlines():
        if re.match(r"\.(B|BR|BI|RB|IB|IP|SS|SH SECTIONS?)\b", line):
            out.update(re.findall(r"[\w][\w-]*", line))
        for m in re.finditer(r"\\fB([^\\]*)", line):
            out.update(re.findall(r"[\w][\w-]*", m.group(1)))
    return out
def cfg_names(path):
    t = read(path)
    return set(re.findall(r'CFG_[A-Z_]+\(\s*"([\w-]+)"', t))
errors = []
agent_keys = set()
t = read("agent/config/nvconfig.c")
agent_keys |= set(re.findall(r'\{\s*(?:"[\w-]+"|NULL),\s*"([\w-]+)",\s*K_', t))
m = re.search(r"sections\[\]\s*=\s*\{([^}]*)\}", t)
agent_keys |= set(re.findall(r'"([\w-]+)"', m.group(1)))
for f in ("config/config_devices.c", "config/config_handlers.c", "config/config_shutdown.c", "config/config_schedule.c",
          "config/config_traps.c", "config/config_environment.c",
          "config/config_ups_control.c", "gateways/config_gateways.c", "gateways/config_nut.c"):
    agent_keys |= cfg_names("agent/" + f)
for manpage, keys in (("man/nvagent.conf.5", agent_keys),
                      ("man/nvshutdown.8", cfg_names("agent/shutdown/nvshutdown_conf.c"))):
    if len(keys) < 10:
        errors.append("%s: only %d keys found in the sources" % (manpage, len(keys)))
    words = bold_words(manpage)
    # a section title of two words ("wol target") is its key with a space
    text = unescape(read(manpage))
    for k in sorted(keys - words):
        if "-" in k and re.search(r"^\.\w+ .*\b%s\b" % re.escape(k.replace("-", " ")), text, re.M):
            continue
        errors.append("%s: config key '%s' not documented" % (manpage, k))
cmds = set(re.findall(r'^\s*\{\s*"([\w-]+)",\s*"', read("agent/control_socket/control.c"), re.M))
if len(cmds) < 5:
    errors.append("agent/control_socket/control.c: only %d commands found" % len(cmds))
cmds |= {"config"}   # handled by nvctl itself
help_words = set(re.findall(r"^  ([\w-]+)", subprocess.run([build + "/nvctl", "--help"],
    capture_output=True, text=True).stdout, re.M))
for c in sorted(cmds - bold_words("man/nvctl.8")):
    errors.append("man/nvctl.8: command '%s' not documented" % c)
for c in sorted(cmds - help_words):
    errors.append("nvctl --help: command '%s' not listed" % c)
OPT = r"(?<![\w-])--?[A-Za-z][\w-]*"
for prog, manpage in (("nvagentd", "man/nvagentd.8"), ("nvsim", "man/nvsim.1"),
        ("nvctl", "man/nvctl.8"), ("nvshutdown", "man/nvshutdown.8"),
        ("nvtraphandle", "man/nvtraphandle.8")):
    out = subprocess.run([build + "/" + prog, "-h"], capture_output=True, text=True).stdout
    lines = out.splitlines()
    usage = [lines[0]] if lines and lines[0].startswith("usage:") else []
    for l in lines[1:]:
        if not l.startswith(" "): break
        usage.append(l)
    if not usage:
        errors.append("%s -h: no usage line" % prog); continue
    m = re.search(r"^\.SH SYNOPSIS\n(.*?)^\.SH", read(manpage), re.S | re.M)
    if not m:
        errors.append("%s: no SYNOPSIS" % manpage); continue
    syn = set(re.findall(OPT, unescape(m.group(1))))
    use = set(re.findall(OPT, "\n".join(usage)))
    for o in sorted(use - syn):
        errors.append("%s: %s -h shows %s, SYNOPSIS does not" % (manpage, prog, o))
    for o in sorted(syn - use):
        errors.append("%s: SYNOPSIS shows %s, %s -h does not" % (manpage, o, prog))
for e in errors: print(e)
sys.exit(1 if errors else 0)
PY
) || nv_fail "$(printf '\n%s' "$out")"
nv_pass
