#!/usr/bin/env python3
"""Check what an agent serves against MIB definitions read by smidump.

    mib_conformance.py compare PROJECT_MIBS_DIR VENDOR_MIBS_DIR BASE_DIR
        The project's modules and the vendor's files of the same name agree
        object by object (name, OID, type, access, enumerations), except the
        deliberate differences listed in DELIBERATE below.
    mib_conformance.py check PROJECT_MIBS_DIR VENDOR_MIBS_DIR BASE_DIR WALK...
        Every varbind of every walk (snmpbulkwalk -On -Ox -Ot output) is an
        object of a MIB, with the wire type of its SYNTAX, a value inside its
        range / enumeration / SIZE, .0 for a scalar and an instance that
        matches the table's INDEX.

    mib_conformance.py absent PROJECT_MIBS_DIR VENDOR_MIBS_DIR BASE_DIR WALK...
        The readable objects of UPS-MIB's conformance groups that have no
        instance in any of the walks, one name a line.

The MIB text is parsed by smidump (libsmi), never by this script: it only
follows the types smidump reports.  Exit status 1 lists every problem.
"""
import os
import re
import subprocess
import sys

# Modules served, by the file that defines each.  UPS-MIB is the IETF's
# own module (the project has no copy of its own); the other three are the
# project's, and the vendor's files of the same module name, where they
# exist, must agree with them.
PROJECT_FILES = ["SOCOMECUPS-MIB.txt", "SOCOMECUPS5-MIB.txt", "SOCOMECUPSSTS-MIB.txt"]
VENDOR_FILES = ["SOCOMECUPS-MIB.txt", "SOCOMECUPSSTS-MIB.txt"]
IETF_FILES = ["UPS-MIB.txt"]

# Where the project's modules differ from the vendor's on purpose:
# (module, object, aspect) -> why.
_STS_IDENT = ("the agent's identity, configured in nvagent.conf, as upsIdent of the "
              "SOCOMEC UPS MIB gives it for a UPS; the vendor's STS MIB stops at "
              "stsIdent 4 and these take stsIdent 5..9")
DELIBERATE = {
    ("SOCOMECUPSSTS-MIB", "stsIdentUserRef", "extra"): _STS_IDENT,
    ("SOCOMECUPSSTS-MIB", "stsIdentUserLocation", "extra"): _STS_IDENT,
    ("SOCOMECUPSSTS-MIB", "stsSystemName", "extra"): _STS_IDENT,
    ("SOCOMECUPSSTS-MIB", "stsSystemContact", "extra"): _STS_IDENT,
    ("SOCOMECUPSSTS-MIB", "stsSystemLocation", "extra"): _STS_IDENT,
}

SMI_MODULES = {"SNMPv2-SMI", "RFC1155-SMI", "RFC1065-SMI", "RFC-1212", ""}
APP_TYPES = {
    "Gauge32": "Gauge32", "Gauge": "Gauge32", "Unsigned32": "Gauge32",
    "Counter32": "Counter32", "Counter": "Counter32", "Counter64": "Counter64",
    "TimeTicks": "Timeticks", "IpAddress": "IpAddress",
    "NetworkAddress": "IpAddress", "Opaque": "Opaque",
}
BASE_WIRE = {
    "Integer32": "INTEGER", "Enumeration": "INTEGER", "OctetString": "STRING",
    "Bits": "STRING", "ObjectIdentifier": "OID", "Unsigned32": "Gauge32",
    "Counter64": "Counter64",
}
DEFAULT_RANGE = {
    "INTEGER": [(-2**31, 2**31 - 1)], "Gauge32": [(0, 2**32 - 1)],
    "Counter32": [(0, 2**32 - 1)], "Timeticks": [(0, 2**32 - 1)],
}


class Mibs:
    """Modules parsed by smidump with one SMIPATH (one side: project or vendor)."""

    def __init__(self, smipath):
        self.smipath = smipath
        self.modules = {}

    def dump(self, what):
        env = dict(os.environ, SMIPATH=self.smipath)
        out = subprocess.run(["smidump", "-k", "-f", "python", what], env=env,
                             stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                             universal_newlines=True, check=False).stdout
        ns = {}
        exec(out, ns)  # smidump's python format is a literal assignment
        mib = ns.get("MIB")
        if mib is None:
            raise SystemExit("smidump could not read %s (SMIPATH=%s)" % (what, self.smipath))
        self.modules[mib["moduleName"]] = mib
        return mib

    def module(self, name):
        if name not in self.modules:
            self.dump(name)
        return self.modules[name]

    def resolve(self, t, where=None):
        """Type -> dict(wire, ranges, enums, base) of a syntax's type."""
        if "basetype" not in t:                       # a reference to a named type
            mod, name = t.get("module", ""), t["name"]
            if mod in SMI_MODULES and name in APP_TYPES:
                return {"wire": APP_TYPES[name], "ranges": None, "enums": None,
                        "base": name}
            if mod == "":
                return {"wire": BASE_WIRE.get(name, name), "ranges": None,
                        "enums": None, "base": name}
            typedef = self.module(mod).get("typedefs", {}).get(name)
            if typedef is None:
                raise SystemExit("type %s::%s not found" % (mod, name))
            if mod in SMI_MODULES and name in APP_TYPES:
                return {"wire": APP_TYPES[name], "ranges": ranges_of(typedef),
                        "enums": None, "base": name}
            return self.resolve(typedef, mod)
        parent = t.get("parent module")
        if parent:
            p = self.resolve({"module": parent["name"], "name": parent["type"]})
        else:
            p = {"wire": BASE_WIRE.get(t["basetype"], t["basetype"]), "ranges": None,
                 "enums": None, "base": t["basetype"]}
        enums = {int(v["number"]): k for k, v in t.items()
                 if isinstance(v, dict) and v.get("nodetype") == "namednumber"}
        return {"wire": p["wire"], "ranges": ranges_of(t) or p["ranges"],
                "enums": enums or p["enums"], "base": p["base"]}


def ranges_of(t):
    r = t.get("ranges")
    if not r:
        return None
    return [(int(x["min"]), int(x["max"])) for x in r]


def objects(mib):
    """name -> node for the module's own OBJECT-TYPEs (scalars, tables, rows, columns)."""
    name = mib["moduleName"]
    return {k: v for k, v in mib.get("nodes", {}).items()
            if v.get("nodetype") in ("scalar", "table", "row", "column")
            and v.get("moduleName", name) == name}


def load_side(mibs, directory, files):
    out = {}
    for f in files:
        path = os.path.join(directory, f)
        if os.path.exists(path):
            mib = mibs.dump(path)
            out[mib["moduleName"]] = mib
    return out


def describe(mibs, node):
    d = {"oid": node["oid"], "access": node.get("access"), "type": None, "enums": None}
    if "syntax" in node:
        r = mibs.resolve(node["syntax"]["type"])
        d["type"] = r["wire"]
        d["enums"] = sorted(r["enums"].items()) if r["enums"] else None
    return d


def compare(project_dir, vendor_dir, base_dir):
    proj = Mibs(":".join([base_dir, project_dir]))
    vend = Mibs(":".join([base_dir, vendor_dir]))
    pmods = load_side(proj, project_dir, VENDOR_FILES)
    vmods = load_side(vend, vendor_dir, VENDOR_FILES)
    problems = []
    used = set()
    for modname, vmib in sorted(vmods.items()):
        pmib = pmods.get(modname)
        if pmib is None:
            problems.append("%s: the project has no module of this name" % modname)
            continue
        pobj, vobj = objects(pmib), objects(vmib)
        for name in sorted(set(pobj) | set(vobj)):
            if name not in pobj or name not in vobj:
                aspect = "missing" if name not in pobj else "extra"
                key = (modname, name, aspect)
                if key in DELIBERATE:
                    used.add(key)
                else:
                    problems.append("%s::%s: %s in the project's module" % (modname, name, aspect))
                continue
            pd, vd = describe(proj, pobj[name]), describe(vend, vobj[name])
            for aspect in ("oid", "type", "access", "enums"):
                if pd[aspect] == vd[aspect]:
                    continue
                key = (modname, name, aspect)
                if key in DELIBERATE:
                    used.add(key)
                    continue
                problems.append("%s::%s: %s differs: project %s, vendor %s"
                                % (modname, name, aspect, pd[aspect], vd[aspect]))
    for key in sorted(set(DELIBERATE) - used):
        problems.append("%s::%s: listed as a deliberate %s difference, but there is none"
                        % key)
    return problems


# ---- walks --------------------------------------------------------------

LINE = re.compile(r"^(\.[0-9.]+) = (?:([A-Za-z0-9-]+): )?(.*)$")


def parse_walk(path):
    """(oid tuple, wire type, value text) per varbind; hex strings joined."""
    out = []
    with open(path, encoding="utf-8", errors="replace") as f:
        for raw in f:
            raw = raw.rstrip("\n")
            m = LINE.match(raw)
            if m is None:
                if out and out[-1][1] == "Hex-STRING":   # continuation of a long hex string
                    oid, typ, val = out[-1]
                    out[-1] = (oid, typ, val + " " + raw.strip())
                    continue
                if raw.strip():
                    out.append((None, None, raw))
                continue
            oid = tuple(int(x) for x in m.group(1).strip(".").split("."))
            typ, val = m.group(2), m.group(3)
            if typ == "Timeticks":                      # "(1234) 0:00:12.34"
                val = val.split(")")[0].lstrip("(")
            if typ is None and val == '""':
                typ = "STRING"
            out.append((oid, typ, val))
    return out


class Served:
    """Every object of the served modules, by OID, with its resolved syntax."""

    def __init__(self, project_dir, vendor_dir, base_dir):
        proj = Mibs(":".join([base_dir, project_dir]))
        ietf = Mibs(":".join([base_dir, vendor_dir]))
        self.by_oid = {}
        self.roots = []
        for mibs, mods in ((proj, load_side(proj, project_dir, PROJECT_FILES)),
                           (ietf, load_side(ietf, vendor_dir, IETF_FILES))):
            for mib in mods.values():
                objs = objects(mib)
                for name, node in objs.items():
                    oid = tuple(int(x) for x in node["oid"].split("."))
                    entry = {"name": "%s::%s" % (mib["moduleName"], name), "node": node}
                    if "syntax" in node:
                        entry["syntax"] = mibs.resolve(node["syntax"]["type"])
                    if node["nodetype"] == "row":
                        entry["index"] = [self.index_syntax(mibs, mib, objs, i)
                                          for i in index_names(node)]
                    self.by_oid[oid] = entry
        for oid, e in self.by_oid.items():
            if e["node"]["nodetype"] == "column":
                e["row"] = self.by_oid.get(oid[:-1])

    @staticmethod
    def index_syntax(mibs, mib, objs, name):
        node = objs.get(name)
        if node is None:
            raise SystemExit("%s: INDEX object %s not found" % (mib["moduleName"], name))
        return (name, mibs.resolve(node["syntax"]["type"]))

    def find(self, oid):
        for n in range(len(oid) - 1, 0, -1):
            e = self.by_oid.get(oid[:n])
            if e is not None:
                return e, oid[n:]
        return None, None


def index_names(row):
    link = row.get("linkage", [])
    names = []
    for x in link:
        names.append(x if isinstance(x, str) else list(x.keys())[0])
    return names


def in_ranges(n, ranges):
    return any(lo <= n <= hi for lo, hi in ranges)


def check_value(syn, typ, val):
    """'' when the value fits SYNTAX, else what is wrong."""
    wire = "STRING" if typ == "Hex-STRING" else typ
    if wire != syn["wire"]:
        return "wire type %s, SYNTAX says %s" % (typ, syn["wire"])
    if wire in ("INTEGER", "Gauge32", "Counter32", "Timeticks", "Counter64"):
        try:
            n = int(val.split()[0])
        except (ValueError, IndexError):
            return "value %r is not a number" % val
        if syn["enums"]:
            if n not in syn["enums"]:
                return "value %d is not one of the enumeration %s" % (n, sorted(syn["enums"]))
        elif not in_ranges(n, syn["ranges"] or DEFAULT_RANGE.get(wire, [(n, n)])):
            return "value %d outside the range %s" % (n, syn["ranges"] or DEFAULT_RANGE[wire])
    elif wire == "STRING":
        if typ == "Hex-STRING":
            size = len(val.split())
        else:
            size = len(bytes(val[1:-1], "utf-8")) if val.startswith('"') else len(val)
        if syn["ranges"] and not in_ranges(size, syn["ranges"]):
            return "string of %d bytes outside SIZE %s" % (size, syn["ranges"])
    elif wire == "IpAddress":
        if not re.match(r"^\d+\.\d+\.\d+\.\d+$", val):
            return "value %r is not an IpAddress" % val
    return ""


def check_instance(entry, inst):
    node = entry["node"]
    if node["nodetype"] == "scalar":
        return "" if inst == (0,) else "scalar instance %s, not .0" % ".".join(map(str, inst))
    row = entry.get("row")
    if row is None:
        return "column without a row in the MIB"
    rest = list(inst)
    for name, syn in row["index"]:
        if not rest:
            return "instance too short for INDEX { %s }" % ", ".join(n for n, _ in row["index"])
        if syn["wire"] == "INTEGER" or syn["wire"] == "Gauge32":
            n = rest.pop(0)
            rng = syn["enums"] and [(e, e) for e in syn["enums"]] or syn["ranges"] \
                or DEFAULT_RANGE[syn["wire"]]
            if not in_ranges(n, rng):
                return "index %s = %d outside %s" % (name, n, rng)
        elif syn["wire"] == "IpAddress":
            if len(rest) < 4:
                return "index %s: short IpAddress" % name
            del rest[:4]
        else:
            n = rest.pop(0)
            if len(rest) < n:
                return "index %s: length %d, only %d sub-identifiers" % (name, n, len(rest))
            del rest[:n]
    if rest:
        return "instance %s longer than INDEX { %s }" % (
            ".".join(map(str, inst)), ", ".join(n for n, _ in row["index"]))
    return ""


def check_walks(served, walks):
    problems = []
    counts = 0
    for path in walks:
        label = os.path.basename(path)
        for oid, typ, val in parse_walk(path):
            counts += 1
            if oid is None:
                problems.append("%s: unreadable line %r" % (label, val))
                continue
            txt = "." + ".".join(map(str, oid))
            if typ is None:
                problems.append("%s: %s: %s" % (label, txt, val))
                continue
            entry, inst = served.find(oid)
            if entry is None or entry["node"]["nodetype"] not in ("scalar", "column"):
                problems.append("%s: %s: no object of the MIBs has this OID" % (label, txt))
                continue
            name = entry["name"]
            if entry["node"].get("access") in ("noaccess", "notifyonly"):
                problems.append("%s: %s (%s): served, but not accessible in the MIB"
                                % (label, txt, name))
                continue
            why = check_instance(entry, inst) or check_value(entry["syntax"], typ, val)
            if why:
                problems.append("%s: %s (%s): %s" % (label, txt, name, why))
    return problems, counts


def absent(vendor_dir, base_dir, walks):
    ietf = Mibs(":".join([base_dir, vendor_dir]))
    mib = list(load_side(ietf, vendor_dir, IETF_FILES).values())[0]
    objs = objects(mib)
    members = set()
    for group in mib.get("groups", {}).values():
        members.update(group.get("members", {}).keys())
    served = set()
    by_oid = {tuple(int(x) for x in node["oid"].split(".")): name
              for name, node in objs.items()}
    for path in walks:
        for oid, _, _ in parse_walk(path):
            for n in range(len(oid) - 1, 0, -1) if oid else ():
                if oid[:n] in by_oid:
                    served.add(by_oid[oid[:n]])
                    break
    return sorted(m for m in members
                  if m in objs and objs[m].get("access") not in ("noaccess", "notifyonly")
                  and m not in served)


def main(argv):
    if len(argv) < 5 or argv[1] not in ("compare", "check", "absent"):
        sys.stderr.write(__doc__)
        return 2
    project_dir, vendor_dir, base_dir = argv[2:5]
    if argv[1] == "absent":
        print("\n".join(absent(vendor_dir, base_dir, argv[5:])))
        return 0
    if argv[1] == "compare":
        problems = compare(project_dir, vendor_dir, base_dir)
        what = "MIB differences"
    else:
        problems, n = check_walks(Served(project_dir, vendor_dir, base_dir), argv[5:])
        print("%d varbinds checked in %d walks" % (n, len(argv) - 5))
        what = "non-conforming varbinds"
    for p in problems:
        print(p)
    if problems:
        print("%d %s" % (len(problems), what))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
