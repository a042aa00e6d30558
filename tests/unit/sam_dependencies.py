"""Run by the SAM CLI's Python (it has the SAM translator): the template as CloudFormation receives it, after
the Serverless transform, and its dependency cycles as JSON lists of logical ids.

cfn-lint's check for circular references skips SAM resources, and `sam validate` finds none either: a
function the API calls that names the distribution in front of the API passes both and fails to deploy."""

from __future__ import annotations

import json
import re
import sys
from typing import Any

from cfnlint.decode import decode_str
from samtranslator.translator.transform import transform


class _NoManagedPolicies:
    def load(self) -> dict[str, str]:
        return {}


def _names(value: Any, found: set[str]) -> None:
    """The logical ids a property value names through Ref, GetAtt and Sub."""
    if isinstance(value, list):
        for item in value:
            _names(item, found)
    elif isinstance(value, dict):
        if isinstance(value.get("Ref"), str):
            found.add(value["Ref"])
        if "Fn::GetAtt" in value:
            target = value["Fn::GetAtt"]
            found.add(target[0] if isinstance(target, list) else target.split(".")[0])
        if "Fn::Sub" in value:
            sub = value["Fn::Sub"]
            text = sub if isinstance(sub, str) else sub[0]
            found.update(name.split(".")[0] for name in re.findall(r"\$\{([^}!]+)\}", text))
        for item in value.values():
            _names(item, found)


def cycles(template: dict[str, Any]) -> list[list[str]]:
    resources = template["Resources"]
    graph: dict[str, set[str]] = {}
    for logical, resource in resources.items():
        found: set[str] = set()
        _names(resource.get("Properties") or {}, found)
        depends = resource.get("DependsOn") or []
        found.update([depends] if isinstance(depends, str) else depends)
        graph[logical] = found & set(resources)
    seen: dict[str, str] = {}
    path: list[str] = []
    loops: list[list[str]] = []

    def visit(node: str) -> None:
        seen[node] = "open"
        path.append(node)
        for following in sorted(graph[node]):
            if seen.get(following) == "open":
                loops.append([*path[path.index(following) :], following])
            elif following not in seen:
                visit(following)
        path.pop()
        seen[node] = "done"

    for node in sorted(graph):
        if node not in seen:
            visit(node)
    return loops


def main(path: str) -> None:
    with open(path) as handle:
        template, _ = decode_str(handle.read())
    for resource in template["Resources"].values():
        for key in ("CodeUri", "ContentUri"):  # what `sam package` puts there
            if isinstance((resource.get("Properties") or {}).get(key), str):
                resource["Properties"][key] = "s3://bucket/key"
    transformed = transform(json.loads(json.dumps(template, default=str)), {}, _NoManagedPolicies())
    print(json.dumps(cycles(transformed)))


if __name__ == "__main__":
    sys.setrecursionlimit(10_000)
    main(sys.argv[1])
