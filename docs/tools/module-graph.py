#!/usr/bin/env python3
"""Draws the module graph of cosmo-emu from the poms: docs/img/module-graph.svg (and .dot).

Each module is a box; each compile-scope dependency on another module is an arrow from the module used to the
module using it, so arrows follow the data flow (parameters -> emulator -> theory -> likelihoods -> inference
-> CLI) from left to right. Arrows implied by others are left out (transitive reduction), as are test-scope
dependencies. Run from anywhere:  python3 docs/tools/module-graph.py   (needs Graphviz's `dot` for the SVG).
"""
import pathlib
import subprocess
import xml.etree.ElementTree as ET

ROOT = pathlib.Path(__file__).resolve().parents[2]
NS = {"m": "http://maven.apache.org/POM/4.0.0"}
JOBS = {  # one line per module: its job (also the README's module table)
    "emulator-api": "API, exceptions, backend SPI",
    "emulator-cpu": "pure-Java network, model readers",
    "emulator-nd4j": "ND4J backend (CPU, CUDA)",
    "training": "CLASS spectra -> networks, accuracy",
    "theory": "parameters -> observables",
    "models": "bundled weights + catalogue",
    "likelihoods": "data + likelihood maths",
    "inference": "priors, samplers, chains",
    "cli": "cosmo-emu commands, plots",
    "spark": "the SDK on Apache Spark",
    "examples": "Java, Kotlin, Scala programs",
    "benchmarks": "JMH benchmarks",
    "architecture": "ArchUnit rules (tests only)",
}


def modules():
    root = ET.parse(ROOT / "pom.xml").getroot()
    return [m.text for m in root.find("m:modules", NS)]


def dependencies(module):
    pom = ET.parse(ROOT / module / "pom.xml").getroot()
    deps = []
    for d in pom.find("m:dependencies", NS) or []:
        group = d.find("m:groupId", NS).text
        scope = d.find("m:scope", NS)
        kind = d.find("m:type", NS)
        if group == "org.cosmoemu" and (scope is None or scope.text in ("compile", "runtime")) and kind is None:
            deps.append(d.find("m:artifactId", NS).text)
    return deps


def main():
    order = [m for m in modules() if m != "bom"]  # the BOM is versions only, not a code module
    lines = ["digraph modules {", '  rankdir=LR; nodesep=0.25; ranksep=0.45;',
             '  node [shape=box, style="rounded,filled", fillcolor="#eef3fb", fontname="Helvetica", fontsize=11];',
             '  edge [color="#555555", arrowsize=0.7];']
    for m in order:
        lines.append(f'  "{m}" [label="{m}\\n{JOBS.get(m, "")}"];')
    for m in order:
        if m == "architecture":
            continue  # it reads every module's classes in its tests only
        direct = dependencies(m)
        # draw only the edges not implied by others (transitive reduction), so the flow stays readable
        implied = set()
        for d in direct:
            stack = list(dependencies(d))
            while stack:
                x = stack.pop()
                if x not in implied:
                    implied.add(x)
                    stack.extend(dependencies(x))
        for d in direct:
            if d not in implied:
                lines.append(f'  "{d}" -> "{m}";')
    lines.append("}")
    dot = "\n".join(lines) + "\n"
    out = ROOT / "docs" / "img"
    out.mkdir(parents=True, exist_ok=True)
    (out / "module-graph.dot").write_text(dot)
    svg = subprocess.run(["dot", "-Tsvg"], input=dot.encode(), capture_output=True, check=True).stdout
    (out / "module-graph.svg").write_bytes(svg)
    png = subprocess.run(["dot", "-Tpng", "-Gdpi=110"], input=dot.encode(), capture_output=True, check=True).stdout
    (out / "module-graph.png").write_bytes(png)
    print(f"wrote {out / 'module-graph.svg'} and .png ({len(order)} modules)")


if __name__ == "__main__":
    main()
