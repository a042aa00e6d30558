"""The rater's form and answers: the link token in the path is the only credential."""

from __future__ import annotations

from typing import Any

from aws_lambda_powertools.utilities.typing import LambdaContext

from janus import store
from janus.feedback import api as feedback_api
from janus.kernel.api import create_resolver
from janus.kernel.observability import logger, metrics
from janus.kernel.settings import Settings
from janus.people.store import DynamoEmployeeDirectory
from janus.rounds import links
from janus.rounds.store_answers import AnswerStore

settings = Settings.from_env()
store.bind(settings)
directory = DynamoEmployeeDirectory()
answers = AnswerStore()
app = create_resolver()
app.include_router(feedback_api.router(directory, answers, lambda: links.signer(settings)))


@logger.inject_lambda_context(clear_state=True)
@metrics.log_metrics
def lambda_handler(event: dict[str, Any], context: LambdaContext) -> dict[str, Any]:
    return app.resolve(event, context)
