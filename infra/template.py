"""Reads template.yaml and resolves the intrinsic functions the stack uses.

The local stack takes every table, queue, bucket, bus, route, event source
and schedule from here, so that local and deployed cannot drift.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

ACCOUNT = "123456789012"
REGION = "us-east-1"
NO_VALUE = object()


class _Loader(yaml.SafeLoader):
    pass


def _intrinsic(loader: yaml.Loader, suffix: str, node: yaml.Node) -> dict[str, Any]:
    if isinstance(node, yaml.ScalarNode):
        value: Any = loader.construct_scalar(node)
    elif isinstance(node, yaml.SequenceNode):
        value = loader.construct_sequence(node, deep=True)
    else:
        value = loader.construct_mapping(node, deep=True)
    if suffix == "GetAtt" and isinstance(value, str):
        value = value.split(".", 1)
    key = suffix if suffix in ("Ref", "Condition") else f"Fn::{suffix}"
    return {key: value}


_Loader.add_multi_constructor("!", _intrinsic)


def load(path: Path) -> dict[str, Any]:
    with path.open() as handle:
        return yaml.load(handle, Loader=_Loader)  # noqa: S506 - a SafeLoader subclass with CloudFormation tags


@dataclass
class Context:
    """What Ref and GetAtt mean on the local stack."""

    stack: str
    parameters: dict[str, Any]
    refs: dict[str, Any] = field(default_factory=dict)
    attributes: dict[tuple[str, str], Any] = field(default_factory=dict)
    conditions: dict[str, bool] = field(default_factory=dict)

    def pseudo(self, name: str) -> Any:
        return {
            "AWS::StackName": self.stack,
            "AWS::Region": REGION,
            "AWS::AccountId": ACCOUNT,
            "AWS::URLSuffix": "amazonaws.com",
            "AWS::Partition": "aws",
            "AWS::NoValue": NO_VALUE,
        }[name]


def resolve(value: Any, ctx: Context) -> Any:  # noqa: C901 - one branch per intrinsic
    if isinstance(value, list):
        items = [resolve(item, ctx) for item in value]
        return [item for item in items if item is not NO_VALUE]
    if not isinstance(value, dict):
        return value
    if len(value) == 1:
        ((key, arg),) = value.items()
        if key == "Ref":
            if arg.startswith("AWS::"):
                return ctx.pseudo(arg)
            if arg in ctx.parameters:
                return ctx.parameters[arg]
            return ctx.refs[arg]
        if key == "Fn::GetAtt":
            return ctx.attributes[(arg[0], arg[1])]
        if key == "Fn::Sub":
            text, variables = (arg, {}) if isinstance(arg, str) else (arg[0], resolve(arg[1], ctx))

            def substitute(match: re.Match[str]) -> str:
                name = match.group(1)
                if name in variables:
                    return str(variables[name])
                if "." in name and not name.startswith("AWS::"):
                    logical, attribute = name.split(".", 1)
                    return str(ctx.attributes[(logical, attribute)])
                return str(resolve({"Ref": name}, ctx))

            return re.sub(r"\$\{([^}!]+)\}", substitute, text)
        if key == "Fn::Join":
            return arg[0].join(str(part) for part in resolve(arg[1], ctx))
        if key == "Fn::If":
            return resolve(arg[1] if ctx.conditions[arg[0]] else arg[2], ctx)
        if key == "Fn::Equals":
            left, right = resolve(arg, ctx)
            return str(left) == str(right)
        if key == "Fn::Not":
            return not resolve(arg[0], ctx)
        if key == "Fn::Or":
            return any(resolve(arg, ctx))
        if key == "Fn::And":
            return all(resolve(arg, ctx))
        if key == "Condition":
            return ctx.conditions[arg]
    resolved = {key: resolve(item, ctx) for key, item in value.items()}
    return {key: item for key, item in resolved.items() if item is not NO_VALUE}


def parameters_of(template: dict[str, Any], overrides: dict[str, Any] | None = None) -> dict[str, Any]:
    values = {name: spec.get("Default") for name, spec in (template.get("Parameters") or {}).items()}
    values.update(overrides or {})
    return values


def conditions_of(template: dict[str, Any], ctx: Context) -> dict[str, bool]:
    for name, expression in (template.get("Conditions") or {}).items():
        ctx.conditions[name] = bool(resolve(expression, ctx))
    return ctx.conditions
