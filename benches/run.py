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


def main():
    sizes = [("bundled plan", ROOT, 249, None)]
    sizes.append(("10,000 actions", generate("a10k", 10_000, 100_000), 10_000, 100_000))
    if not QUICK:
        sizes.append(("100,000 actions", generate("a100k", 100_000, 100_000), 100_000, 100_000))
    sizes.append(("1,000,000 readings", generate("r1m", 10_000, 1_000_000), 10_000, 1_000_000))
    if not QUICK:
        sizes.append(("10,000,000 readings", generate("r10m", 10_000, 10_000_000), 10_000, 10_000_000))

    cores = os.cpu_count()
    print(f"\nMachine: {cores} cores ({os.uname().sysname} {os.uname().machine}); median of {RUNS} runs after a warm-up; peak = largest resident set.\n")
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
    print("\nTargets: bundled validate and status < 0.05 s; 100,000 actions validate < 3 s;"
          " 1,000,000 readings status and digest < 2 s and < 300 MB; pan ≥ 20× faster than the peer.")


if __name__ == "__main__":
    main()
