"""The privacy routes: HR's export of everything Janus holds about one employee."""

from __future__ import annotations

from typing import Any

from aws_lambda_powertools.event_handler.api_gateway import Router

from janus.kernel.api import caller_of
from janus.kernel.observability import logger
from janus.privacy import export

BODIES: dict[tuple[str, str], Any] = {}


def router(sources: export.Sources) -> Router:
    routes = Router()

    @routes.get("/employees/<employee_id>/export")
    def get_export(employee_id: str) -> dict[str, Any]:
        answer = export.export(caller_of(routes.current_event), employee_id, sources)
        logger.info("employee exported", sections={k: len(v) for k, v in answer.items() if isinstance(v, list)})
        return answer

    return routes
