#!/usr/bin/env python3
"""CPU time per request by component, portal against baseline, from two `perf record -g` profiles.

Both processes must run with DOTNET_PerfMapEnabled=1 and DOTNET_EnableWriteXorExecute=0 (start the
held run with them: the harness passes its environment to the portal), so perf can name JIT code.
Record each under the same wrk load, then:
    perf-components.py portal.data PORTAL_REQS_PER_S baseline.data BASELINE_REQS_PER_S SECONDS
Each sample goes to the innermost frame that matches a component below (async continuations make
"inclusive" figures meaningless: the rest of a request runs inside whatever awaited first).
"""
import collections
import re
import subprocess
import sys

COMPONENTS = [
    ("etag hash", r"SegmentedBuffer::Hash|XxHash"),
    ("json read", r"ReadFromSpan|JsonSerializer::Deserialize"),
    ("json write", r"ETags::OkWithETag|JsonBody|JsonSerializer::Serialize|WriteAsJson|JsonTypeInfo`1\+<SerializeAsync>|JsonConverter`1::WriteCore"),
    ("serilog", r"Serilog"),
    ("opentelemetry", r"OpenTelemetry"),
    ("diagnostics, activity", r"System\.Diagnostics\.Activity|DiagnosticSource|Metrics\.|Instrument"),
    ("ef core", r"EntityFrameworkCore"),
    ("npgsql", r"\[Npgsql\]"),
    ("authentication", r"Authentication|ApiToken|Claims"),
    ("output cache", r"OutputCach"),
    ("dependency injection", r"DependencyInjection"),
    ("mediator", r"Mediator\."),
    ("routing", r"Routing"),
    ("kestrel send", r"DoSend|SocketSender|Pipes"),
    ("kestrel", r"Kestrel"),
    ("portal and domain code", r"\[IwgPortal"),
    ("other asp.net core", r"Microsoft\.AspNetCore"),
]
PATTERNS = [(name, re.compile(pattern)) for name, pattern in COMPONENTS]


def samples(data):
    out = subprocess.run(["perf", "script", "-i", data, "-F", "period,ip,sym"], capture_output=True, text=True, errors="replace").stdout
    current = None
    for line in out.splitlines():
        if line.startswith("\t"):
            if current is not None:
                current[1].append(line.strip())
        elif line.strip():
            if current is not None:
                yield current
            current = (int(line.split()[0]), [])
    if current is not None:
        yield current


def per_request(data, requests):
    totals = collections.Counter()
    for period, stack in samples(data):
        name = next((n for frame in stack for n, p in PATTERNS if p.search(frame)), "threads, kernel, runtime")
        totals[name] += period
    return {name: ns / 1000 / requests for name, ns in totals.items()}


if __name__ == "__main__":
    portal_data, portal_rps, baseline_data, baseline_rps, seconds = sys.argv[1:6]
    portal = per_request(portal_data, float(portal_rps) * float(seconds))
    baseline = per_request(baseline_data, float(baseline_rps) * float(seconds))
    print(f"| component | portal µs/req | baseline µs/req | difference |\n|---|---:|---:|---:|")
    for name in sorted(set(portal) | set(baseline), key=lambda n: baseline.get(n, 0) - portal.get(n, 0)):
        print(f"| {name} | {portal.get(name, 0):.1f} | {baseline.get(name, 0):.1f} | {portal.get(name, 0) - baseline.get(name, 0):+.1f} |")
    print(f"| **total** | {sum(portal.values()):.1f} | {sum(baseline.values()):.1f} | {sum(portal.values()) - sum(baseline.values()):+.1f} |")
