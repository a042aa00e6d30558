"""The privacy routes: HR's export of everything Janus holds about one employee, and the erasure of one who left."""

from __future__ import annotations

from typing import Any

from aws_lambda_powertools.event_handler import Response
from aws_lambda_powertools.event_handler.api_gateway import Router

from janus.kernel.api import caller_of, json_response
from janus.kernel.bodies import Shape
from janus.kernel.observability import logger
from janus.privacy import erasure, export

# An erasure is asked with no body: everything it needs is in the path and the caller.
BODIES: dict[tuple[str, str], Any] = {("POST", "/employees/{employee_id}/erasure"): Shape({})}


def router(sources: export.Sources, erasures: erasure.Ports) -> Router:
    routes = Router()

    @routes.get("/employees/<employee_id>/export")
    def get_export(employee_id: str) -> dict[str, Any]:
        answer = export.export(caller_of(routes.current_event), employee_id, sources)
        logger.info("employee exported", sections={k: len(v) for k, v in answer.items() if isinstance(v, list)})
        return answer

    @routes.post("/employees/<employee_id>/erasure")
    def post_erasure(employee_id: str) -> Response:
        answer = erasure.request(caller_of(routes.current_event), employee_id, erasures)
        logger.info("employee erasure asked", state=answer["state"])
        return json_response(202 if answer["state"] != "erased" else 200, answer)

    @routes.get("/organisation/erasures")
    def get_erasures() -> dict[str, Any]:
        return erasure.listed(caller_of(routes.current_event), erasures)

    return routes
