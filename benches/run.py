"""Run the benchmark and print the table (called by benches/run, which builds and installs)."""

import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "benches" / "out"
PAN = ROOT / "target" / "release" / "pan"
GENERATE = ROOT / "target" / "release" / "pan-generate"
PEER = OUT / "venv" / "bin" / "check-jsonschema"
AS_OF = "2026-11-23"
QUICK = "--quick" in sys.argv
SITE_ONLY = "--site" in sys.argv
RUNS = 3


def measure(cmd, cwd=None, stdout=subprocess.DEVNULL):
    """Wall seconds and peak resident memory (MB) of one run of cmd."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=cwd, stdout=stdout, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    return wall, usage.ru_maxrss / 1024, os.waitstatus_to_exitcode(status)


def best_of(cmd, runs=RUNS):
    """Median wall time and largest peak memory over several runs, after a warm-up run."""
    measure(cmd)
    results = [measure(cmd) for _ in range(runs)]
    walls = [r[0] for r in results]
    return statistics.median(walls), max(r[1] for r in results), results[0][2]


def peer(root):
    """check-jsonschema on every action file of root, in batches (argument lists are bounded)."""
    schema = OUT / "action.schema.json"
    schema.write_text(subprocess.run([str(PAN), "schema", "action"], capture_output=True, text=True, check=True).stdout)
    files = sorted(str(p) for p in (root / "plan").glob("*/*.yaml"))
    start = time.perf_counter()
    ok = True
    for i in range(0, len(files), 5000):
        r = subprocess.run([str(PEER), "--schemafile", str(schema), *files[i : i + 5000]], capture_output=True)
        ok = ok and r.returncode == 0
    return time.perf_counter() - start, ok


def generate(name, actions, readings):
    path = OUT / name
    marker = path / ".generated"
    want = f"{actions} {readings}"
    if not (marker.exists() and marker.read_text() == want):
        print(f"generating {name}: {actions} actions, {readings} readings", file=sys.stderr)
        subprocess.run([str(GENERATE), "--actions", str(actions), "--readings", str(readings), "--out", str(path)], check=True, stdout=subprocess.DEVNULL)
        marker.write_text(want)
    return path


def site(name, root):
    """`pan site` on root: median wall time, largest peak memory and median CPU time (user
    and system) of RUNS builds after a warm-up, each into a new folder (removed afterwards,
    outside the timing), and the site's size and number of files."""
    import shutil
    results = []
    size = files = 0
    for i in range(RUNS + 1):
        out = OUT / f"site-{name}-{i}"
        shutil.rmtree(out, ignore_errors=True)
        # The previous build's writes reach the disk first, not during this one.
        os.sync()
        start = time.perf_counter()
        proc = subprocess.Popen([str(PAN), "--root", str(root), "site", "-o", str(out), "--as-of", AS_OF],
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - start
        if os.waitstatus_to_exitcode(status) != 0:
            print(f"  (pan site failed on {name})", file=sys.stderr)
        if i > 0:
            results.append((wall, usage.ru_maxrss / 1024, usage.ru_utime + usage.ru_stime))
        paths = [p for p in out.rglob("*") if p.is_file()]
        size, files = sum(p.stat().st_size for p in paths), len(paths)
        shutil.rmtree(out, ignore_errors=True)
    return (statistics.median(r[0] for r in results), max(r[1] for r in results),
            statistics.median(r[2] for r in results), size, files)


def main():
    cores = os.cpu_count()
    print(f"\nMachine: {cores} cores ({os.uname().sysname} {os.uname().machine}); median of {RUNS} runs after a warm-up; peak = largest resident set.\n")
    if not SITE_ONLY:
        commands()
    sites()


def commands():
    """The table of validate, status and digest beside the peer."""
    sizes = [("bundled plan", ROOT, 249, None)]
    sizes.append(("10,000 actions", generate("a10k", 10_000, 100_000), 10_000, 100_000))
    if not QUICK:
        sizes.append(("100,000 actions", generate("a100k", 100_000, 100_000), 100_000, 100_000))
    sizes.append(("1,000,000 readings", generate("r1m", 10_000, 1_000_000), 10_000, 1_000_000))
    if not QUICK:
        sizes.append(("10,000,000 readings", generate("r10m", 10_000, 10_000_000), 10_000, 10_000_000))

    header = "| size | pan validate | pan status | pan digest | check-jsonschema (peer) | peer ÷ pan validate |"
    print(header)
    print("| --- | ---: | ---: | ---: | ---: | ---: |")
    rows = {}
    peer_done = {}
    for name, root, actions, readings in sizes:
        cells = []
        for command in (["validate"], ["status"], ["digest"]):
            cmd = [str(PAN), "--root", str(root), *command, "--as-of", AS_OF]
            wall, peak, code = best_of(cmd)
            if command == ["validate"] and code != 0:
                print(f"  (validate exited {code} on {name})", file=sys.stderr)
            cells.append((wall, peak))
        rows[name] = cells
        # The peer validates action files only: the readings sizes share the 10,000 actions.
        key = actions
        if key not in peer_done:
            peer_done[key] = peer(root)
        pw, pok = peer_done[key]
        ratio = pw / cells[0][0]
        fmt = lambda c: f"{c[0]:.3f} s · {c[1]:.0f} MB"
        print(f"| {name} | {fmt(cells[0])} | {fmt(cells[1])} | {fmt(cells[2])} | {pw:.2f} s{'' if pok else ' (failed)'} | {ratio:.0f}× |", flush=True)

    print("\nScaling (time per unit of input; constant = linear):")
    if "100,000 actions" in rows:
        a, b = rows["10,000 actions"][0][0], rows["100,000 actions"][0][0]
        print(f"  validate: {a / 10:.3f} s per 1,000 actions at 10,000 · {b / 100:.3f} s per 1,000 actions at 100,000")
    if "10,000,000 readings" in rows:
        for i, c in enumerate(("validate", "status", "digest")):
            a, b = rows["1,000,000 readings"][i][0], rows["10,000,000 readings"][i][0]
            print(f"  {c}: {a:.3f} s per million readings at 1M · {b / 10:.3f} s per million readings at 10M")


def sites():
    """The table of pan site."""
    print("\npan site (every page in French and English, the search index and the downloads):\n")
    print("| size | pan site (wall · peak) | CPU (user + system) | site size | files | wall per 1,000 actions |")
    print("| --- | ---: | ---: | ---: | ---: | ---: |")
    for name, root, actions in [
        ("bundled plan", ROOT, 249),
        ("2,500 actions", generate("a2500", 2_500, 25_000), 2_500),
        ("10,000 actions", generate("a10k", 10_000, 100_000), 10_000),
    ]:
        wall, peak, cpu, size, files = site(name.split()[0].replace(",", ""), root)
        print(f"| {name} | {wall:.2f} s · {peak:.0f} MB | {cpu:.2f} s | {size / 1e6:.1f} MB | {files:,} | {wall / actions * 1000:.3f} s |", flush=True)
    print(f"\nLoad average while it ran: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores (other work slows the wall time; CPU time is steadier).")

    print("\nTargets: bundled validate and status < 0.05 s; 100,000 actions validate < 3 s;"
          " 1,000,000 readings status and digest < 2 s and < 300 MB; pan ≥ 20× faster than the peer;"
          " site: bundled < 1 s, 10,000 actions < 20 s.")


if __name__ == "__main__":
    main()
