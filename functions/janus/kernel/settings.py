"""Typed settings, read once from the environment by each entry point."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass


@dataclass(frozen=True, kw_only=True)
class Settings:
    """A function's settings, read once from its environment."""

    table_name: str
    idempotency_table_name: str
    reports_bucket: str
    event_bus_name: str
    region: str = "us-east-1"
    # Set only on the local stack: where the embedded AWS endpoint listens.
    endpoint_url: str | None = None
    # Each function is given the ones it uses (template.yaml).
    jobs_queue_url: str | None = None
    reminders_queue_url: str | None = None
    invitations_queue_url: str | None = None
    reports_queue_url: str | None = None
    jobs_queue_arn: str | None = None
    reminders_queue_arn: str | None = None
    escalations_queue_arn: str | None = None
    escalations_queue_url: str | None = None  # reviews that call for a case, from the performance function
    performance_queue_url: str | None = None  # goals' progress rolling up the tree, and their quarterly nudges
    performance_queue_arn: str | None = None
    schedule_group: str | None = None
    scheduler_role_arn: str | None = None
    sender_address: str | None = None
    configuration_set: str | None = None
    public_api_url: str | None = None
    public_url_parameter: str | None = None  # where the public URL is kept, for a function not told it
    link_key_secret: str | None = None  # the Secrets Manager secret that signs rater links
    users_queue_url: str | None = None  # provisioning sign-in users, paced for Cognito's admin API
    user_pool_id: str | None = None
    user_invitations: str = "send"  # or "suppress": Cognito e-mails no invitation to new users
    # How long the report jobs a close starts wait, so that the responses index has every last submit.
    report_delay_seconds: int = 0
    # How long a goal's progress waits before it is pushed up the tree, so that a burst of changes goes once.
    rollup_delay_seconds: int = 0

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> Settings:
        env = os.environ if environ is None else environ
        return cls(
            table_name=env["TABLE_NAME"],
            idempotency_table_name=env["IDEMPOTENCY_TABLE_NAME"],
            reports_bucket=env["REPORTS_BUCKET"],
            event_bus_name=env["EVENT_BUS_NAME"],
            region=env.get("AWS_REGION") or env.get("AWS_DEFAULT_REGION") or "us-east-1",
            endpoint_url=env.get("AWS_ENDPOINT_URL") or None,
            jobs_queue_url=env.get("JOBS_QUEUE_URL") or None,
            reminders_queue_url=env.get("REMINDERS_QUEUE_URL") or None,
            invitations_queue_url=env.get("INVITATIONS_QUEUE_URL") or None,
            reports_queue_url=env.get("REPORTS_QUEUE_URL") or None,
            jobs_queue_arn=env.get("JOBS_QUEUE_ARN") or None,
            reminders_queue_arn=env.get("REMINDERS_QUEUE_ARN") or None,
            escalations_queue_arn=env.get("ESCALATIONS_QUEUE_ARN") or None,
            escalations_queue_url=env.get("ESCALATIONS_QUEUE_URL") or None,
            performance_queue_url=env.get("PERFORMANCE_QUEUE_URL") or None,
            performance_queue_arn=env.get("PERFORMANCE_QUEUE_ARN") or None,
            schedule_group=env.get("SCHEDULE_GROUP") or None,
            scheduler_role_arn=env.get("SCHEDULER_ROLE_ARN") or None,
            sender_address=env.get("SENDER_ADDRESS") or None,
            configuration_set=env.get("CONFIGURATION_SET") or None,
            public_api_url=(env.get("PUBLIC_API_URL") or "").rstrip("/") or None,
            public_url_parameter=env.get("PUBLIC_URL_PARAMETER") or None,
            link_key_secret=env.get("LINK_KEY_SECRET") or None,
            users_queue_url=env.get("USERS_QUEUE_URL") or None,
            user_pool_id=env.get("USER_POOL_ID") or None,
            user_invitations=env.get("USER_INVITATIONS") or "send",
            report_delay_seconds=int(env.get("REPORT_DELAY_SECONDS") or 0),
            rollup_delay_seconds=int(env.get("ROLLUP_DELAY_SECONDS") or 0),
        )
