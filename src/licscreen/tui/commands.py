"""Command palette providers: jump to a licence or to a system event by typing its name."""

from __future__ import annotations

import asyncio
from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider

from licscreen.i18n import _
from licscreen.store.models import Licence
from licscreen.tui.context import app_of
from licscreen.tui.literal import literal_markup


class LicenceCommands(Provider):
    """Every visible licence of every owner."""

    async def startup(self) -> None:
        self.licences: list[Licence] = await asyncio.to_thread(app_of(self).store.all_licences)

    def _title(self, licence: Licence) -> str:
        """The hit's text as markup (Textual's palette reads it so) showing the names exactly."""
        owner = app_of(self).owner_title(licence.owner)
        return literal_markup(_("Licence: {name} ({owner})").format(name=licence.description,
                                                                    owner=owner))

    async def discover(self) -> Hits:
        for licence in self.licences[:10]:
            yield DiscoveryHit(self._title(licence), partial(app_of(self).jump_to_licence, licence),
                               help=literal_markup(licence.name))

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for licence in self.licences:
            title = self._title(licence)
            score = max(matcher.match(title), matcher.match(licence.name))
            if score > 0:
                jump = partial(app_of(self).jump_to_licence, licence)
                yield Hit(score, matcher.highlight(title), jump,
                          help=literal_markup(licence.name))


class EventCommands(Provider):
    """System events whose operation, key or message contains what is typed (newest first)."""

    async def search(self, query: str) -> Hits:
        if len(query.strip()) < 2:
            return
        from licscreen.store.events import search_events  # not needed at start-up

        matcher = self.matcher(query)
        events = await asyncio.to_thread(search_events, app_of(self).store, query.strip(), 20)
        for event in events:
            title = literal_markup(_("Event: {name} — {message}").format(
                name=event.name, message=event.message))
            yield Hit(max(matcher.match(title), 0.1), matcher.highlight(title),
                      partial(app_of(self).jump_to_event, event.id),
                      help=literal_markup(event.key))
