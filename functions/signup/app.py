"""Cognito's pre sign-up trigger, attached only with a federated identity provider: a first sign-in
through it becomes the employee's provisioned user (``janus.people.federation``). Every other sign-up
passes unchanged: Janus's own users are made by the admin API with their attributes set."""

from __future__ import annotations

from typing import Any

from aws_lambda_powertools.utilities.data_classes.cognito_user_pool_event import PreSignUpTriggerEvent
from aws_lambda_powertools.utilities.typing import LambdaContext

from janus.kernel import aws
from janus.kernel.observability import logger
from janus.kernel.settings import Settings
from janus.people import federation

settings = Settings.from_env()
cognito = aws.client("cognito-idp", settings)


@logger.inject_lambda_context(clear_state=True)
def lambda_handler(event: dict[str, Any], context: LambdaContext) -> dict[str, Any]:
    trigger = PreSignUpTriggerEvent(event)
    if trigger.trigger_source != "PreSignUp_ExternalProvider":
        return event
    try:
        person = federation.FederatedSignIn.of(trigger.user_name, trigger.request.user_attributes.get("email", ""))
        federation.link_first_sign_in(person, federation.CognitoDirectory(cognito, trigger.user_pool_id))
    except federation.SignInRefused as refused:
        logger.info("federated sign-in refused", reason=refused.reason)
        raise  # Cognito refuses the sign-in and shows the message
    logger.info("federated sign-in linked to its employee")
    return event
