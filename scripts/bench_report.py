#!/usr/bin/env python3
"""Writes BENCHMARKS.md and an SVG plot from one run of scripts/bench.sh.

Reads criterion's results (<criterion>/rust2go/**/round<N>/{benchmark,estimates}.json, the
baselines bench.sh saves per round; a plain `cargo bench` run's `new/` otherwise), the
allocation counts and the memory check output that bench.sh saved in --work. Python 3
standard library only.
"""
import argparse
import glob
import json
import math
import os
import platform
import re
import subprocess
import sys
from datetime import datetime, timezone

# Nested arguments before and after Go read them in place: the "before" code is gone, so both
# were measured once, side by side, by benches/examples/nested_probe.rs.
NESTED = [
    "## Nested arguments read in place: before and after\n",
    "Until commit 2c14cab, Go rebuilt every struct and slice header of a nested argument in Go "
    "memory (one conversion per element, Go backing arrays per level). Now Rust builds the view "
    "arena in exactly Go's layout and the Go export hands the handler a pointer to it (README, "
    "\"Arguments in place\"). Both measured by `cargo run --release -p rust2go-benches --example "
    "nested_probe 31` (per round 2,000 floor calls then 2,000 calls of each case; the median over "
    "31 rounds of the per-round ratio to the floor, in the calling thread's CPU time, which "
    "includes the Go handler and leaves out time spent waiting for a core), the two binaries run "
    "alternately, three times each, on 2026-12-01 on the 2-core machine under heavy load from "
    "other processes (load average 15–19): the table gives the median of the three runs, the "
    "wall-clock ratios of the same runs beside it.\n",
    "| case | before: × floor (CPU) | after: × floor (CPU) | before / after: × floor (wall) | target |",
    "|---|---:|---:|---|---|",
    "| sync `&Vec<User>`, 100 users × 3 tags | 112.6 (80.1–130.1) | 15.2 (15.1–15.2) | 130–382 / 15.4–32.0 | ≤ 15× |",
    "| sync `&Vec<String>`, 100 × 32 B | 13.2 (10.6–14.9) | 2.78 (2.64–2.78) | 15.7–42.4 / 2.64–2.81 | ≤ 3× |",
    "| sync `bytes(&String 16 B, &Vec<u8> 16 B)` | 1.88 | 1.38 | 1.82–2.15 / 1.35–1.39 | |",
    "| sync `bytes(&String 16 B, &Vec<u8> 64 KiB)` | 1.82 | 1.39 | 1.79–2.03 / 1.36–1.39 | flat: ≤ 1.1× the 16 B case (after: 1.01×) |",
    "",
    "Before, the CPU time of the nested cases also varied with Go's garbage collector, which the "
    "per-call conversion kept busy (Go backing arrays for every level of every call); after, those "
    "calls allocate nothing in Go (section *Allocations per call*). The comparison with rust2go "
    "0.4 side by side is not in this run.\n",
    "The `#[mem]`, async (default) and g2r paths copy their arguments as before; `#[go_inline]` "
    "async calls read them in place like sync calls.\n",
    "**Third pass: filling the arena.** The view arena is now filled through a bump cursor (`ArenaCursor`: the next free word and the end of the chunk) kept apart from the `Arena` that owns the memory, so that in the inlined view code both stay in registers (before, the arena's fill index and chunk length were re-read from memory and written back for every nested array); the element loop indexes the slice directly; and a struct's view evaluates the fields whose views fill the arena first, scalars and strings after, so that their loads are not held across the nested loops (same arena layout). Still one Rust allocation per call and none in Go (the fourth pass below removes the Rust one). Measured by `nested_probe 31`, which now also has the shape of the side-by-side with rust2go 0.4 (`&Users`, 100 users × 3 tags, and `&Vec<String>` of 100, the Go handler summing every string length) and the Rust-only view pass (size, allocation, fill) of each; main (2983a39) and this change run alternately, three times each, on 2026-12-01 (load average 0.3–2). × floor in CPU time, the median of the three runs and the three runs:\n",
    "| case | before | after | target |",
    "|---|---:|---:|---|",
    "| sync `&Users`, 100 users × 3 tags, Go sums every name and tag length | 17.20 (16.85–17.92) | 15.84 (14.25–15.93) | ≤ 15× |",
    "| its view pass alone | 9.85 (9.83–10.37) | 8.20 (7.61–8.26) | |",
    "| sync `&Vec<User>`, 100 users × 3 tags (the first table's row) | 12.43 (12.25–13.02) | 11.15 (10.79–11.18) | ≤ 15× |",
    "| its view pass alone | 9.99 (9.86–10.52) | 8.04 (7.67–8.20) | |",
    "| sync `&Vec<String>` of 100, Go sums every length | 3.59 (3.23–3.65) | 3.58 (3.18–3.58) | ≤ 3× |",
    "| its view pass alone | 1.45 (1.41–1.50) | 1.38 (1.29–1.39) | |",
    "| sync `&Vec<String>`, 100 × 32 B (the first table's row) | 2.83 (2.79–2.95) | 2.83 (2.82–2.91) | ≤ 3× |",
    "",
    "The spawned binary of the side-by-side (`R2G_SIDE_BY_SIDE=1`, blocks of 64 calls beside the floor), 6 runs of each build and of rust2go 0.4 alternately right after (load average about 1): `&Users` 16.67× (14.54–18.22) before, 14.86× (14.69–15.09) after, 0.4 116×, so 10.2× faster than 0.4 (median of the pairs); `&Vec<String>` 3.62× (3.40–3.72) before, 3.54× (3.45–3.88) after, 0.4 11.9×, 4.9× faster. The `&Users` goal is met there by a small margin and not in `nested_probe`; the `&Vec<String>` one (≤ 3×) is not. Where the rest goes: already before the field order, the fill took about 1.1× a hand-written loop that writes the same layout (12 stores per user; a throwaway micro-benchmark, not kept), the allocation and free of the arena cost about half a floor (9.6 KB and 1.6 KB are above glibc's per-thread cache sizes), and in the `&Users` call the Go handler itself (400 string lengths) takes about two thirds of the time of the Rust view pass (perf samples). Nested views in a reused per-thread buffer would remove the allocation.\n",
    "\n",
    "**Fourth pass: a spare arena per thread.** The first chunk of a finished call's view arena is kept by its thread (one block, at most 64 KiB, the larger one kept) and reused by the thread's next nested call when it is large enough, so a sync call with nested arguments allocates nothing in Rust once its thread is warm (and still exactly one block when the spare is too small, or taken by a call that is still running on the thread, as when a Go handler calls Rust that calls Go). The Go side reads the views during the call only, as before; a view arena is reused only after its call returned. Tests: `tests/e2e/tests/alloc.rs` (none once warm, one for a thread whose spare is too small, one per call above 64 KiB, two arenas alive at once) and `benches/tests/alloc.rs`. Before (c97de04) and after, run alternately on 2026-12-01 (load average about 1): `nested_probe 31`, three runs each, medians of the runs in CPU time × floor: `&Users` with every length summed 13.97 → 13.36, its view pass 8.24 → 7.60; `&Vec<User>` 11.75 → 10.78; `&Vec<String>` with every length summed 4.01 → 3.47, its view pass 1.40 → 0.94; `&Vec<String>` 100 × 32 B 2.72 → 2.10. The spawned binary of the side-by-side (`R2G_SIDE_BY_SIDE=1`), eight runs of each build alternately, medians of the per-run ratios: `&Users` 14.02× → 13.14× (12.6–13.5 but one run at 11.0), `&Vec<String>` 4.21× → 3.59×. In the `&Vec<String>` case with every length summed, the Go handler's own loop over the 100 strings is about 1.4 floors (the same call with a handler that reads no string, the 100 × 32 B row, is 2.1×); the view pass is now under one floor.\n",
]

# The assembly-trampoline experiment: measured once (not by this script's run), code removed
# from the tree; the findings stay here so that every BENCHMARKS.md keeps them.
TRAMPOLINE_COMMIT = "2c14cab"
TRAMPOLINE = [
    "## Measured and not kept: an assembly trampoline for the completion callback\n",
    "An async call ends with Go calling the Rust completion callback (a C function pointer) "
    "through a cgo call. The experiment asked whether a Go assembly trampoline can make that call "
    "more cheaply and soundly under Go 1.26's linkname rules. Its code (a standalone cargo "
    f"project with its own `run.sh`, reachability, stop-the-world and race probes) is in commit "
    f"{TRAMPOLINE_COMMIT}, `benches/trampoline`; it is no longer in the tree, and `scripts/bench.sh` "
    "does not run it. Its numbers, from that experiment's run (ns per callback, median of 7 runs, "
    "2-core VM, Go 1.26, default flags):\n",
    "| path | Rust thread | goroutine | + GC churn | cgocheck2 + churn | `-race` |\n"
    "|---|---|---|---|---|---|\n"
    "| callback called directly from Rust (reference) | 5.0 | 4.9 | 6.8 | 5.5 | 4.9 |\n"
    "| cgo `C.r2g_complete` (what rust2go does) | 36.2 | 38.1 | 63.7 | 73.9 | 99.5 |\n"
    "| linkname `runtime.cgocall` + C shim | 27.4 | 27.2 | 50.7 | 47.4 | 97.0 |\n"
    "| asm → `runtime·asmcgocall` (g0 stack, no `entersyscall`) | 7.5 | 7.6 | 8.6 | 8.6 | 8.6 |\n",
    "Reachability (Go 1.26): `runtime·asmcgocall` and `runtime·systemstack` link from a user `.s` "
    "file, with no promise that they stay reachable; `runtime.cgocall`, `entersyscall` and "
    "`exitsyscall` are push-linknamed (Go issue 67401); the go tool refuses Go assembly in a cgo "
    "package, so the trampoline needs a package of its own.\n",
    "Why it is not kept:\n",
    "* It saves about 30 ns of an async round trip of tens of microseconds (0.1%); with "
    "`#[go_inline]` there is no completion callback at all.\n"
    "* Without cgo's `entersyscall` the Go P stays held for the whole callback, which runs a Rust "
    "waker: a stop-the-world (`ReadMemStats`) waited 25 ms behind a blocking callback, against "
    "7–128 µs through cgo, and a waker lock held by a thread that waits to enter Go would "
    "deadlock. The callee must also never call into Go.\n"
    "* The race detector loses cgo's happens-before edge: the asm probe gets a false data race "
    "report that the cgo probe does not (a shipped version would need a `race` build-tag "
    "fallback).\n"
    "* `runtime·asmcgocall` is an internal symbol that a later Go release may blocklist.\n",
]

FLOOR = "go_floor"

# (criterion id below rust2go/, label, kind of target, parameter, target text)
#   kind "floor": ns/call <= parameter x the floor; "case:<id>": <= parameter x that case;
#   "rate": calls/s >= parameter; "paired": the median of the per-sample ratios to the floor
#   measured interleaved with it (interleaved-round<N>.json) <= parameter; "paired_ref": the same
#   against the reference the benchmark interleaves with (named in the label); None: reference only.
CASES = [
    ("c_floor", "Rust → C function (reference)", None, None, ""),
    ("go_floor", "**floor**: Rust → Go `//export go_floor_add`", None, None, ""),
    ("sync_add", "sync `add(u32, u32) -> u32` (`#[go_pass_struct]`)", None, None, "(next row)"),
    ("sync_add_interleaved", "sync `add`, interleaved with the floor in blocks of 256", "paired", 1.15,
     "≤ 1.15× floor"),
    ("object_add", "sync `add` on a Go object (`&self` method of an object trait: handle id, table lookup)",
     "case:sync_add", 1.2, "≤ 1.2× static `add`"),
    ("object_add_interleaved", "object `add`, interleaved with the static `add` in blocks of 256 (ratio to it)",
     "paired_ref", 1.2, "≤ 1.2× static `add`"),
    ("g2r_add", "Go → Rust: static `#[g2r]` `add(u32, u32) -> u32` (timed in a Go loop)", None, None, "(next rows)"),
    ("g2r_object_add", "Go → Rust: `add` on a Rust object Go holds (`&self` method of a `#[g2r(object = T)]` trait)",
     "case:g2r_add", 1.2, "≤ 1.2× static g2r `add`"),
    ("g2r_object_add_interleaved", "Go → Rust object `add`, interleaved with the static g2r `add` (ratio to it)",
     "paired_ref", 1.2, "≤ 1.2× static g2r `add`"),
    ("sync_bytes/16B", "sync `bytes(&String 16 B, &Vec<u8> 16 B)`", None, None, ""),
    ("sync_bytes/1KiB", "sync `bytes(&String 16 B, &Vec<u8> 1 KiB)`", None, None, ""),
    ("sync_bytes/64KiB", "sync `bytes(&String 16 B, &Vec<u8> 64 KiB)`", "case:sync_bytes/16B", 1.1,
     "≤ 1.1× the 16 B case"),
    ("sync_vec_string_100x32B", "sync `&Vec<String>` argument, 100 × 32 B (read in place)", "floor", 3.0,
     "≤ 3× floor"),
    ("sync_vec_user_100", "sync `&Vec<User>` argument, 100 users × 3 tags (read in place)", "floor", 15.0,
     "≤ 15× floor, ≤ 1 Rust allocation"),
    ("sync_result_vec_string_100x30B", "sync result `Vec<String>`, 100 × 30 B", "floor", 100.0, "≤ 100× floor"),
    ("async_add_multi_thread", "async `add`, 1 outstanding, tokio multi-thread (2 workers)", "floor", 100.0,
     "≤ 100× floor"),
    ("async_add_inline_multi_thread", "async `add` with `#[go_inline]` (handler on the calling thread), "
     "1 outstanding, tokio multi-thread", "floor", 100.0, "≤ 100× floor (opt-in path)"),
    ("async_add_current_thread", "async `add`, 1 outstanding, tokio current-thread", None, None, ""),
    ("rust_thread_round_trip_multi_thread", "reference, no Go: the same task's round trip through another OS "
     "thread (two wake-ups)", None, None, ""),
    ("cpu_work_one_thread", "reference, no Go: CPU-bound loop on one thread", None, None, ""),
    ("cpu_work_two_threads", "reference, no Go: the same loop split over two threads", None, None, ""),
    ("async_add_1000_concurrent", "async `add`, 1,000 concurrent (`join_all`), multi-thread", "rate", 1.3e6,
     "≥ 1.3 M calls/s"),
    ("go_floor_end", "floor again, at the end of the run (drift check)", None, None, ""),
]


def run(cmd):
    try:
        return subprocess.run(cmd, capture_output=True, text=True, check=False).stdout.strip()
    except OSError:
        return "(not found)"


def machine():
    cpu = "unknown"
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    cpu = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    return {
        "nproc": run(["nproc"]),
        "cpu": cpu,
        "kernel": platform.release(),
        "go": run([os.environ.get("GO", "go"), "version"]),
        "rustc": run(["rustc", "--version"]),
        "rev": run(["git", "describe", "--always", "--dirty"]),
    }


def load_criterion(root):
    """full id (e.g. 'rust2go/sync_bytes/16B') -> (criterion's median ns per iteration of each
    round, throughput elements per iteration or None)."""
    found = glob.glob(os.path.join(root, "**", "round*", "benchmark.json"), recursive=True)
    if not found:
        found = glob.glob(os.path.join(root, "**", "new", "benchmark.json"), recursive=True)
    out = {}
    for bench in found:
        d = os.path.dirname(bench)
        with open(bench) as f:
            meta = json.load(f)
        with open(os.path.join(d, "estimates.json")) as f:
            est = json.load(f)
        elems = (meta.get("throughput") or {}).get("Elements")
        entry = out.setdefault(meta["full_id"], ([], elems))
        entry[0].append((os.path.basename(d), est["median"]["point_estimate"]))
    return {k: ([v for _, v in sorted(ms, key=lambda m: round_no(m[0]))], e) for k, (ms, e) in out.items()}


def round_no(name):
    m = re.search(r"\d+", name)
    return int(m.group()) if m else 0


def read(path):
    try:
        with open(path) as f:
            return f.read()
    except OSError:
        return ""


def fmt_ns(ns):
    if ns >= 100:
        return f"{ns:,.0f}"
    if ns >= 10:
        return f"{ns:.1f}"
    return f"{ns:.2f}"


def svg_plot(rows, floor_ns):
    """Horizontal bars of ns/call on a log axis, the floor as a dashed line."""
    rows = [r for r in rows if r["ns"] is not None]
    label_w, bar_w, row_h, top, right = 430, 420, 26, 50, 90
    width = label_w + bar_w + right
    height = top + row_h * len(rows) + 64
    lo = 10.0 ** math.floor(math.log10(min(r["ns"] for r in rows)))
    hi = 10.0 ** math.ceil(math.log10(max(r["ns"] for r in rows)))
    span = math.log10(hi) - math.log10(lo)

    def x(ns):
        return label_w + bar_w * (math.log10(ns) - math.log10(lo)) / span

    esc = lambda s: s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    p = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'font-family="sans-serif" font-size="12">',
        f'<rect width="{width}" height="{height}" fill="white"/>',
        f'<text x="{width / 2}" y="20" text-anchor="middle" font-size="14" font-weight="bold">'
        f"rust2go: ns per call (median over rounds, log scale)</text>",
    ]
    decade = lo
    while decade <= hi:
        gx = x(decade)
        p.append(f'<line x1="{gx:.1f}" y1="{top - 8}" x2="{gx:.1f}" y2="{top + row_h * len(rows)}" '
                 f'stroke="#ddd"/>')
        label = f"{decade:,.0f}" if decade >= 1 else f"{decade:g}"
        p.append(f'<text x="{gx:.1f}" y="{top + row_h * len(rows) + 16}" text-anchor="middle" '
                 f'fill="#555">{label}</text>')
        decade *= 10
    p.append(f'<text x="{label_w + bar_w / 2}" y="{top + row_h * len(rows) + 34}" text-anchor="middle" '
             f'fill="#555">ns per call</text>')
    for i, r in enumerate(rows):
        y = top + i * row_h
        colour = {"yes": "#3a7d44", "no": "#c0392b"}.get(r["met"], "#7f8c9a")
        label = re.sub(r"[*`]", "", r["label"])
        p.append(f'<text x="{label_w - 8}" y="{y + 16}" text-anchor="end">{esc(label)}</text>')
        p.append(f'<rect x="{label_w}" y="{y + 4}" width="{max(1.0, x(r["ns"]) - label_w):.1f}" '
                 f'height="{row_h - 8}" fill="{colour}"/>')
        p.append(f'<text x="{x(r["ns"]) + 4:.1f}" y="{y + 16}">{esc(fmt_ns(r["ns"]))}</text>')
    if floor_ns:
        fx = x(floor_ns)
        p.append(f'<line x1="{fx:.1f}" y1="{top - 8}" x2="{fx:.1f}" y2="{top + row_h * len(rows)}" '
                 f'stroke="#333" stroke-dasharray="4,3"/>')
        p.append(f'<text x="{fx:.1f}" y="{top - 12}" text-anchor="middle" fill="#333">floor</text>')
    p.append(f'<text x="{label_w}" y="{height - 6}" fill="#555">green: target met; red: missed; '
             f"grey: no target</text>")
    p.append("</svg>")
    return "\n".join(p) + "\n"


def median(v):
    v = sorted(v)
    n = len(v)
    if n == 0:
        return float("nan")
    return v[n // 2] if n % 2 else (v[n // 2 - 1] + v[n // 2]) / 2


def bench_lines(text, tag="bench"):
    """`<tag> <round> <case> <value> <unit>` lines -> {case: {round: value}}."""
    out = {}
    for line in text.splitlines():
        f = line.split()
        if len(f) == 5 and f[0] == tag:
            out.setdefault(f[2], {})[f[1]] = float(f[3])
    return out


def per_round_ratio(data, case, ref):
    """The median over rounds of case/ref measured in the same round."""
    a, b = data.get(case, {}), data.get(ref, {})
    return median([a[r] / b[r] for r in a if r in b and b[r]])


# Goals of the async-throughput issue: (case, label, reference case, kind, bound, target text).
#   kind "ratio>=": median of case/reference per round >= bound; "every>=": every round's
#   value >= bound; "ratio<=": median of case/reference per round <= bound; None: reference.
SPAWNED = [
    ("spawned_ref", "Rust-only reference (std mpsc to one thread, tokio oneshot back)", None, None, None, ""),
    ("spawned_cgo", "default (ring)", "spawned_ref", "ratio>=", 0.5, "≥ 0.5× reference"),
    ("spawned_cgo_export", "`#[cgo]` (per-call export)", "spawned_ref", None, None, ""),
    ("spawned_mem", "`#[mem]`", "spawned_ref", "ratio>=", 0.8, "≥ 0.8× reference"),
    ("spawned_inline", "`#[go_inline]` (handler on the calling thread)", "spawned_ref", None, None, ""),
    ("join_all_ref", "Rust-only reference, 1,000 futures awaited with `join_all` by one task", None, None, None, ""),
    ("join_all_cgo", "default (ring), the same `join_all`", "join_all_ref", "every>=",
     2.5e6, "≥ 2.5 M calls/s in every round"),
    ("join_all_cgo_export", "`#[cgo]` (per-call export), the same `join_all`", "join_all_ref", None, None, ""),
    ("join_all_mem", "`#[mem]`, the same `join_all`", "join_all_ref", None, None, ""),
]


def steal_of(data, case, r):
    """The host's steal share (%) during `case` in round `r`, when the bench measured it."""
    return data.get(case + ".steal", {}).get(r)


def round_cell(data, case, r, v, scale, fmt):
    """One round's value, with the host's steal share beside it when it was 1% or more."""
    st = steal_of(data, case, r)
    return fmt.format(v * scale) + (f" (st {st:.0f}%)" if st is not None and st >= 1 else "")


def spawned_table(data, cases):
    """The table of `cases` (entries of SPAWNED), with a row for each that ran."""
    md = ["| case | M calls/s (median) | × reference | target | met | rounds (M calls/s) |",
          "|---|---:|---:|---|---|---|"]
    for case, label, ref, kind, bound, target in cases:
        if case not in data:
            continue
        order = sorted(data[case], key=int)
        vals = [data[case][r] for r in order]
        ratio = per_round_ratio(data, case, ref) if ref else 1.0
        met = ""
        if kind == "ratio>=":
            met = "yes" if ratio >= bound else "no"
        elif kind == "every>=":
            met = "yes" if min(vals) >= bound else "no"
        md.append(f"| {label} | {median(vals) / 1e6:.2f} | {ratio:.2f} | {target} | {met} | "
                  + " / ".join(round_cell(data, case, r, data[case][r], 1e-6, "{:.2f}") for r in order) + " |")
    return md


def steal_summary(data, case, bound):
    """A sentence on `case`'s rounds with and without steal by the host, against `bound`."""
    order = [r for r in sorted(data.get(case, {}), key=int) if steal_of(data, case, r) is not None]
    if not order:
        return ""
    calm = [data[case][r] for r in order if steal_of(data, case, r) < 1]
    stolen = [(data[case][r], steal_of(data, case, r)) for r in order if steal_of(data, case, r) >= 1]
    out = (f"Steal: the share of all CPU time that the hypervisor gave to other guests during the case "
           f"(`/proc/stat`, 10 ms ticks), shown as `(st N%)` where it was 1% or more. For `{case}`: ")
    if calm:
        out += (f"{len(calm)} of {len(order)} rounds ran without steal, {sum(v >= bound for v in calm)} of them at "
                f"≥ {bound / 1e6:.1f} M calls/s (slowest {min(calm) / 1e6:.2f})")
    else:
        out += f"no round of {len(order)} ran without steal"
    if stolen:
        out += (f"; {len(stolen)} rounds lost {min(s for _, s in stolen):.0f}–{max(s for _, s in stolen):.0f}% "
                f"of the CPU to the host and ran at {min(v for v, _ in stolen) / 1e6:.2f}–"
                f"{max(v for v, _ in stolen) / 1e6:.2f} M calls/s")
    return out + ".\n"


def one_cpu_section(work):
    text = read(os.path.join(work, "spawned-1cpu.txt"))
    data = bench_lines(text)
    md = ["### On one CPU\n",
          "The same process pinned to one CPU (`taskset -c 0 ... spawned`, so `GOMAXPROCS` is 1 and "
          "the Go poller, the tokio workers and the reference's thread share it): how the transports "
          "behave when the machine has no spare core, as on a loaded server. Ratios to the reference "
          "of the same shape in the same process.\n"]
    if not data:
        md.append("(the one-CPU run did not run: " + " ".join(text.split()[-12:]) + ")\n")
        return md
    md.extend(spawned_table(data, [(c, l, r, None, None, "") for c, l, r, _, _, _ in SPAWNED]))
    md.append("")
    return md


def spawned_section(work):
    text = read(os.path.join(work, "spawned.txt"))
    data = bench_lines(text)
    md = ["## Spawned tasks: many tasks awaiting Go\n",
          "`cargo run --release -p rust2go-benches --bin spawned <rounds>` (`benches/src/bin/spawned.rs`, "
          "the workload in `benches/src/workload.rs`): 1,000 tokio tasks (multi-thread runtime, 2 "
          "workers), each awaiting `#[drop_safe] async fn pair_add(p: Pair) -> u32` in a loop, "
          "300,000 calls per round, beside the Rust-only reference of the same shape (each call "
          "sends its request to one Rust thread over `std::sync::mpsc` and awaits a "
          "`tokio::sync::oneshot` that thread completes), all in one process; the cases take turns "
          "within each round. Medians over the rounds; the ratio is the median of the per-round "
          "ratios to the reference.\n"]
    if not data:
        md.append("(the spawned-tasks benchmark did not run: " + " ".join(text.split()[-12:]) + ")\n")
        return md
    nrounds = max(len(v) for k, v in data.items() if not k.endswith(".steal"))
    md.extend(spawned_table(data, SPAWNED))
    md.append("")
    md.append("The `join_all` rows are compared with the `join_all` reference, the others with the "
              "spawned-tasks reference. " + steal_summary(data, "join_all_cgo", 2.5e6))
    md.append(f"One call outstanding at a time (one task on a worker of the same runtime), µs per call, "
              f"medians of {nrounds} rounds:\n")
    md.append("| case | µs/call (median) | ratio | target | met | rounds (µs) |")
    md.append("|---|---:|---:|---|---|---|")
    for case, label, ref, kind, bound, target in [
        ("latency_ref", "Rust-only reference", None, None, None, ""),
        ("latency_cgo", "default (ring)", "latency_cgo_export", "ratio<=", 1.1, "≤ 1.1× `#[cgo]`"),
        ("latency_cgo_export", "`#[cgo]` (per-call export)", "latency_ref", None, None, "(× reference)"),
        ("latency_mem", "`#[mem]`", "latency_cgo_export", "ratio<=", 1.1, "≤ 1.1× `#[cgo]`"),
    ]:
        if case not in data:
            continue
        vals = [data[case][r] for r in sorted(data[case], key=int)]
        ratio = per_round_ratio(data, case, ref) if ref else 1.0
        met = ("yes" if ratio <= bound else "no") if kind else ""
        md.append(f"| {label} | {median(vals) / 1e3:.1f} | {ratio:.2f} | {target} | {met} | "
                  + " / ".join(f"{v / 1e3:.1f}" for v in vals) + " |")
    md.append("")
    md.extend(one_cpu_section(work))
    return md


V04_CASES = [
    ("spawned_cgo", "spawned tasks, default: ours the ring, 0.4 its cgo call (M calls/s)", 1e-6, "higher", 1.5, "ours ≥ 1.5× 0.4"),
    ("spawned_ref", "spawned tasks, Rust-only reference (M calls/s)", 1e-6, "higher", None, ""),
    ("latency_cgo", "one outstanding call, default: ours the ring, 0.4 its cgo call (µs)", 1e-3, "lower", None, "no slower than 0.4"),
    ("latency_ref", "one outstanding call, Rust-only reference (µs)", 1e-3, "lower", None, ""),
    ("sync_users_100", "sync `users(&Users)`, 100 users × 3 tags (µs)", 1e-3, "lower", None, ""),
    ("sync_users_100_floor", "the raw floor beside it (ns)", 1, "lower", None, ""),
    ("sync_strings_100", "sync `strings(&Vec<String>)`, 100 strings (µs)", 1e-3, "lower", None, ""),
    ("sync_strings_100_floor", "the raw floor beside it (ns)", 1, "lower", None, ""),
]


def v04_section(work):
    text = read(os.path.join(work, "v04.txt"))
    ours, v04 = bench_lines(text, "ours"), bench_lines(text, "v04")
    md = ["## Side by side with the published rust2go 0.4\n",
          "`./scripts/bench-v04.sh <pairs>`: the same workloads (`benches/src/workload.rs`), IDL and Go "
          "handlers built once on this project (`benches/src/bin/spawned.rs`) and once on rust2go "
          "0.4.3 from crates.io with its Go module (`benches/v04`, its own workspace). Only one Go "
          "runtime fits in a process, so the two binaries run alternately, one round each per pair. "
          "`speed-up` is the median over pairs of 0.4's time (or 1/rate) over ours in the same pair: "
          "above 1 means this project is faster. The sync rows are each measured beside the raw "
          "floor in the same process (`× floor`). 0.4's `#[mem]` is not in the table: its futures are "
          "not `Send` (per-thread rings), so they cannot run in the spawned-tasks workload, and its Go "
          "output does not compile for a scalar result.\n"]
    if not ours or not v04:
        md.append("(" + (text.strip() or "the side-by-side did not run") + ")\n")
        return md
    md.append("| case | ours (median) | rust2go 0.4 (median) | speed-up (median of pairs) | target | met |")
    md.append("|---|---:|---:|---:|---|---|")
    for case, label, scale, better, bound, target in V04_CASES:
        a, b = ours.get(case, {}), v04.get(case, {})
        pairs = [r for r in a if r in b]
        if not pairs:
            continue
        if better == "higher":
            sp = median([a[r] / b[r] for r in pairs])
        else:
            sp = median([b[r] / a[r] for r in pairs])
        met = ("yes" if sp >= bound else "no") if bound else ""
        if case == "latency_cgo":
            met = "yes" if sp >= 1.0 else "no"
        md.append(f"| {label} | {median(a.values()) * scale:.2f} | {median(b.values()) * scale:.2f} | "
                  f"{sp:.2f} | {target} | {met} |")
    for case in ("sync_users_100", "sync_strings_100"):
        a, b = ours.get(case, {}), v04.get(case, {})
        fa, fb = ours.get(case + "_floor", {}), v04.get(case + "_floor", {})
        ra = median([a[r] / fa[r] for r in a if r in fa])
        rb = median([b[r] / fb[r] for r in b if r in fb])
        md.append(f"\n`{case}` × floor: ours {ra:.1f}×, rust2go 0.4 {rb:.1f}×.")
    md.append("")
    return md


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--criterion", required=True, help="criterion's output directory")
    ap.add_argument("--work", required=True, help="directory with alloc.txt, rss.txt, load-*.txt")
    ap.add_argument("--out", default="BENCHMARKS.md")
    ap.add_argument("--svg", default="benches/ns-per-call.svg")
    args = ap.parse_args()

    results = load_criterion(args.criterion)
    missing = [c[0] for c in CASES if "rust2go/" + c[0] not in results]
    if missing:
        sys.exit(f"bench_report: no criterion results for {missing} under {args.criterion}")

    def rounds(cid):
        medians, elems = results["rust2go/" + cid]
        return [m / (elems or 1) for m in medians]

    def ns_per_call(cid):
        return median(rounds(cid))

    def round_ratio(cid, ref):
        return median([c / r for c, r in zip(rounds(cid), rounds(ref)) if r])

    floor = ns_per_call(FLOOR)
    paired = {}
    for path in sorted(glob.glob(os.path.join(args.work, "interleaved-round*.json"))):
        with open(path) as f:
            for name, ratios in json.load(f).items():
                paired.setdefault(name, []).extend(ratios)
    # With --nocapture a test's output follows its "test <name> ... " prefix on the same line.
    alloc_lines = [re.sub(r"^test \S+ \.\.\. ", "", l) for l in read(os.path.join(args.work, "alloc.txt")).splitlines()]
    alloc_lines = [l for l in alloc_lines if "allocations per call" in l]
    allocs = dict(re.findall(r"^(.+?): ([\d.]+) Rust allocations per call$", "\n".join(alloc_lines), re.M))
    user_allocs = allocs.get("Vec<User> (100 users) argument")

    rows = []
    for cid, label, kind, param, target in CASES:
        ns = ns_per_call(cid)
        row = {"id": cid, "label": label, "ns": ns, "rounds": rounds(cid), "ratio": ns / floor,
               "target": target, "met": "", "measured": ""}
        if kind == "floor":
            # The ratio within each round (the case and the floor ran minutes apart at most),
            # then the median over rounds: steadier than the ratio of the two medians.
            ratio = round_ratio(cid, FLOOR)
            row["ratio"] = ratio
            ok = ratio <= param
            row["measured"] = f"{ratio:.2f}×"
            if cid == "sync_vec_user_100":
                row["measured"] += f", {user_allocs or '?'} allocation(s)/call"
                ok = ok and user_allocs is not None and float(user_allocs) <= 1.0
            row["met"] = "yes" if ok else "no"
        elif kind and kind.startswith("case:"):
            ratio = round_ratio(cid, kind[5:])
            row["measured"] = f"{ratio:.2f}×"
            row["met"] = "yes" if ratio <= param else "no"
        elif kind in ("paired", "paired_ref"):
            ratios = sorted(paired.get(cid.replace("_interleaved", ""), []))
            if ratios:
                ratio = ratios[len(ratios) // 2]
                if kind == "paired":
                    row["ratio"] = ratio
                row["measured"] = f"{ratio:.2f}× (median of {len(ratios)} samples)"
                row["met"] = "yes" if ratio <= param else "no"
            else:
                row["measured"] = "no interleaved samples"
        elif kind == "rate":
            rate = 1e9 / ns
            row["measured"] = f"{rate / 1e6:.2f} M calls/s"
            row["met"] = "yes" if rate >= param else "no"
        rows.append(row)

    m = machine()
    load_before = read(os.path.join(args.work, "load-before.txt")).strip()
    load_after = read(os.path.join(args.work, "load-after.txt")).strip()
    rss_lines = [l for l in read(os.path.join(args.work, "rss.txt")).splitlines()
                 if l.startswith(("after", "ok:", "FAIL:", "exit"))]
    n_rounds = len(rounds(FLOOR))

    md = ["# Benchmarks\n"]
    md.append("Generated by `./scripts/bench.sh` (do not edit by hand; rerun it). "
              f"Run of {datetime.now(timezone.utc).strftime('%Y-%m-%d %H:%M UTC')}.\n")
    md.append("Every case runs in **one** criterion process beside the raw floor — one Rust → Go "
              "crossing through a hand-written `//export go_floor_add(a, b uint32) uint32` linked into "
              "the same Go archive as the generated code — so the ratios are the numbers to read: the "
              f"machines are shared and absolute times drift. The suite ran {n_rounds} time(s) in a row "
              "(rounds); `ns/call` is the median over the rounds of criterion's median in each round, "
              "and every round's median is listed to show the noise. Where the target is a multiple of the "
              "floor or of another case, `measured` is the median over rounds of that ratio within each "
              "round. For the 1,000-concurrent case it is the batch time divided "
              "by 1,000. The tiny sync call is also measured interleaved with the floor (blocks of 256 "
              "calls of each, alternating); its `× floor` is the median of the per-sample ratios of "
              "all rounds, the least noisy comparison of two nearly equal costs. Targets are from the "
              "project's performance issue.\n")
    md.append("| case | ns/call | × floor | target | measured | met | medians of the rounds |")
    md.append("|---|---:|---:|---|---|---|---|")
    for r in rows:
        spread = " / ".join(fmt_ns(v) for v in r["rounds"])
        md.append(f"| {r['label']} | {fmt_ns(r['ns'])} | {r['ratio']:.2f} | {r['target']} | {r['measured']} | "
                  f"{r['met']} | {spread} |")
    md.append("")
    drift = ", ".join(f"{e / f:.2f}×" for f, e in zip(rounds(FLOOR), rounds("go_floor_end")))
    md.append(f"The floor at the end of each round relative to its start: {drift} (a value far from "
              "1.00 means the machine's load changed during that round).\n")
    speedup = ", ".join(f"{o / t:.2f}×" for o, t in zip(rounds("cpu_work_one_thread"), rounds("cpu_work_two_threads")))
    conc = ", ".join(f"{1e9 / ns / 1e6:.2f} M calls/s" for ns in rounds("async_add_1000_concurrent"))
    md.append(f"Speed-up of the CPU-bound loop on two threads, per round: {speedup} (2.00× when the "
              f"second core is fully available); the 1,000-concurrent case in the same rounds: {conc}.\n")
    md.append("![ns per call, log scale](benches/ns-per-call.svg)\n")

    md.extend(NESTED)
    md.append("## Where a single async call's time goes\n")
    md.append("An async call runs its Go handler on another thread (by default the poller of the "
              "trait's ring; with `#[cgo]` a worker of the pool) and completes the Rust future from "
              "there, so one round trip needs two OS thread wake-ups: the thread that runs the "
              "handler, then the executor thread polling the future. The row *reference, no Go* "
              "measures exactly that shape without Go (a Rust thread completing a tokio oneshot): on "
              "this virtual machine it alone costs hundreds of times the floor, so the ≤ 100× target "
              "is out of reach for any design that completes on another thread; the async call costs "
              "about that reference plus the Go scheduler's part. On the cgo path (`#[cgo]`) the "
              "handler runs on a long-lived worker of the pool, which parks inside C when idle and is woken by the export directly "
              "(a goroutine readied from Go would wait on the P of the calling Rust thread), after "
              "looking for the next call for 20 µs (tests/shm/BENCH.md, \"Third pass: the cgo path\"). "
              "Measured and not kept: a larger `GOMAXPROCS` (the goroutine starts at once, but Go's "
              "spinning threads then delay the executor's wake-up on 2 cores).\n")
    md.append("**`#[go_inline]`** is the opt-in answer for handlers that never block: the handler runs "
              "on the calling thread during the call and the future is complete at once, so the row "
              "`async add with #[go_inline]` costs about a sync call. The default transport keeps the "
              "handler off the calling thread, because a handler that blocks must not hold up the executor.\n")
    md.append("**The assembly trampoline** for the Go → Rust completion callback was built and measured: "
              "about 30 ns saved per call, not kept (section *Measured and not kept* below).\n")

    conc_summary = [l[len("summary: "):] for l in read(os.path.join(args.work, "concurrent.txt")).splitlines()
                    if l.startswith("summary: ")]
    md.append("**The 1,000-concurrent case (`join_all`) and why it is bimodal.** On the cgo path, with a "
              "goroutine per call, rounds ran at about 2.0–2.9 M calls/s or at about 1.0–1.6 M calls/s: each "
              "export created its goroutine on the Go P that the calling Rust thread holds during the cgo "
              "call, and the goroutines waited in its run queue until the other P's thread stole them (fast "
              "rounds) or until the executor stopped sending (slow rounds); the pool that replaced it still "
              "paid one export per call. Default async calls now ride the trait's ring: a call is a push "
              "(no cgo call), and the Go poller runs the handlers. The rounds are still bimodal, for a "
              "different reason: whether the poller's thread runs on the other core while the executor "
              "thread sends. In fast rounds two thirds of the 1,000 calls are complete when the last one is "
              "sent (`done-when-sent`); in slow rounds almost none are, and poller, executor threads and "
              "their wake-ups share one CPU. What takes the second core away is mostly the host: the "
              "spawned-tasks table below gives each round's steal (CPU time the hypervisor gave to other "
              "guests), and the slow rounds are the ones with steal, for the Rust-only reference as for the "
              "ring. Pinned to one CPU (`taskset -c 0`, section *On one CPU*) the ring runs about as fast "
              "as the reference of the same shape, since its poller no longer spins on the CPU of the "
              "latest push (tests/shm/BENCH.md, \"The poller on the pusher's CPU\"). "
              "`cargo run --release -p rust2go-benches --example concurrent_probe 300` times 300 rounds in "
              "one process and, in each, every call's synchronous part (the push; `in-export` below). Its "
              "result in this run:\n")
    for line in conc_summary or ["(the probe did not run)"]:
        md.append(f"    {line}")
    md.append("")
    md.append("The table reports each case's median over the criterion rounds; the probe's aggregate over all "
              "its rounds, and the `join_all` row of the spawned-tasks table (every round), are the "
              "numbers to compare with the targets.\n")
    md.extend(TRAMPOLINE)
    md.extend(spawned_section(args.work))
    md.extend(v04_section(args.work))
    md.append("## Allocations per call\n")
    md.append("`cargo test --release -p rust2go-benches --test alloc -- --nocapture` "
              "(Rust: a counting global allocator, counting only on the calling thread; Go: "
              "`/gc/heap/allocs:objects` from `runtime/metrics` around 20,000 calls). The target for a "
              "`Vec<User>` or `Vec<String>` argument is at most one Rust allocation, the view arena, and "
              "none once the calling thread keeps a spare arena (up to 64 KiB; its first nested call "
              "allocates it); the test asserts none once warm, and that the tiny sync call and a `#[go_inline]` async call allocate "
              "nothing on either side, and that arguments Go reads in place (`&Vec<User>`, "
              "`&Vec<String>`, `&String`, `&Vec<u8>`) allocate nothing in Go (it runs in `cargo test "
              "--workspace`). Left on purpose: scalar parameters of an export with two or more of "
              "them share one Go heap block (pointers to them escape into the interface method "
              "call), converted nodes (maps, enums with data) are built in Go memory, and a default "
              "async call allocates its completion slot in Rust and its handler closure in Go and "
              "copies its arguments (a result of up to 16 bytes allocates nothing more).\n")
    md.append("```")
    md.extend(alloc_lines or ["(no output)"])
    md.append("```\n")

    md.append("## Memory\n")
    md.append("`cargo run --release -p rust2go-benches --bin rss`: mixed calls (sync with strings and "
              "vectors in and out, and async), RSS (`VmRSS`) and peak RSS (`VmHWM`) from "
              "`/proc/self/status`; it fails if RSS grows by more than 8 MiB between the checkpoints.\n")
    md.append("```")
    md.extend(rss_lines or ["(no output)"])
    md.append("```\n")

    md.append("## Machine\n")
    md.append(f"* `nproc`: {m['nproc']}")
    md.append(f"* CPU: {m['cpu']}")
    md.append(f"* kernel: {m['kernel']}")
    md.append(f"* Go: `{m['go']}`")
    md.append(f"* Rust: `{m['rustc']}`")
    md.append(f"* rust2go revision: `{m['rev']}` (`-dirty`: measured with uncommitted changes)")
    if load_before or load_after:
        md.append(f"* `uptime` before / after the criterion rounds: `{load_before}` / `{load_after}`")
    md.append("")

    md.append("## Commands\n")
    md.append("```sh\n./scripts/bench.sh   # all of the below, then this file and benches/ns-per-call.svg\n```\n")
    md.append("runs (`BENCH_ROUNDS`, default 3; `BENCH_ARGS` for extra criterion arguments; honours "
              "`CARGO_TARGET_DIR`):\n")
    md.append("```sh")
    md.append("cargo bench -p rust2go-benches --bench calls -- --save-baseline round<N>   # per round")
    md.append("cargo test --release -p rust2go-benches --test alloc -- --nocapture")
    md.append("cargo run --release -p rust2go-benches --bin rss")
    md.append("cargo run --release -p rust2go-benches --bin spawned 11  # SPAWNED_ROUNDS")
    md.append("R2G_ONLY=spawned_ref,spawned_cgo,... taskset -c 0 <target>/release/spawned 5  # SPAWNED_1CPU_ROUNDS")
    md.append("./scripts/bench-v04.sh 5 <target>/bench-report/v04.txt     # V04_PAIRS")
    md.append("python3 scripts/bench_report.py --criterion <target>/criterion --work <target>/bench-report")
    md.append("```\n")
    md.append("A single case: `cargo bench -p rust2go-benches -- sync_add`. Where an async call waits: "
              "`cargo run --release -p rust2go-benches --example async_probe -- --trace go.trace` "
              "(then `go tool trace go.trace`). The tiny sync call beside the floor outside criterion: "
              "`cargo run --release -p rust2go-benches --example sync_probe -- inter 200` (its documentation "
              "gives the instruction count under callgrind, which does not depend on the machine's load).\n")
    md.append("Sources: `benches/src/idl.rs` (the calls), `benches/go/impl.go` (the Go handlers), "
              "`benches/go/floor.go` (the floor export), `benches/go/floor.c` (the C reference, compiled "
              "by cgo into the same archive), `benches/benches/calls.rs` (the cases).\n")

    with open(args.out, "w") as f:
        f.write("\n".join(md))
    with open(args.svg, "w") as f:
        f.write(svg_plot(rows, floor))


if __name__ == "__main__":
    main()
