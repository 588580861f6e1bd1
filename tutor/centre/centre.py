"""The training centre's two stores together, opened from the settings: what the façade and `tutor users` use."""

from __future__ import annotations

from dataclasses import dataclass

from tutor.centre.accounts import Accounts
from tutor.centre.groups import Groups
from tutor.settings import Settings


@dataclass(frozen=True)
class Centre:
    """The training centre's accounts and groups; needs only the data directory (no model, no index)."""

    accounts: Accounts
    groups: Groups

    @classmethod
    def from_settings(cls, settings: Settings) -> Centre:
        return cls(Accounts(settings.home), Groups(settings.home))
