"""``Settings``: the parameters of the rule that joins mentions into real-world events."""

from __future__ import annotations

from dataclasses import dataclass

from resgestae.errors import OptionError

__all__ = ["PRECISIONS", "Settings"]

# Date precisions from finest to coarsest (``EventDate.precision``; "unknown" joins nothing).
PRECISIONS = ("day", "week", "month", "year", "decade")


@dataclass(frozen=True, slots=True)
class Settings:
    """How mentions join one real-world event (docs/usage.md, "Events across articles").

    - ``window_days`` (1): two day-precision dates within this many days of each other
      overlap (a report published the next day that falls back on its publication date,
      or "yesterday" read a day off, is still the same day's event).
    - ``mixed_precision`` (False): whether a date coarser than a week (a month, a year) may
      join a date at another precision. Off, "in March" joins only other March-dated
      mentions, not every day of March: a coarse date would otherwise glue together all the
      events of its month that share a type and actors.
    - ``distance_km`` (50): two located mentions in different first-level regions (or
      without one) are the same place when their points are at most this far apart.
    - ``evidence`` (1): how many of actor, recipient and location must be known on both
      mentions and agree. With 0, two mentions that name nobody and no place join on type
      and date alone, and one such mention links every same-day event of its type.
    - ``window_evidence`` (1): how much more evidence two mentions need when their dates
      differ (overlapping through the window, or one holding the other): a government's
      statement on Monday and one on Tuesday are more often two statements than one.
    - ``stance_days`` (30) and ``stance_types``: a stance (an accusation, a denial, support,
      a demand) whose sentence gives no date is dated by its article's publication day, but
      is often one taken days or weeks before and restated ("Britain blames Russia"); such
      a mention may be the one another mention dates up to this many days earlier, at any
      precision (and needs ``window_evidence`` more, as any two dates that differ).
    - ``story`` (True): whether two mentions in different articles that share a story name
      (``resgestae.cluster.story``: a person, place or thing both articles are about that
      no actor stands for) have that as evidence.
    - ``same_article`` (True): whether two mentions of one article may join (an article
      that reports one act twice gives one event; one that reports two acts of one type,
      by the same actors on the same day, gives one event too).
    """

    window_days: int = 1
    mixed_precision: bool = False
    distance_km: float = 50.0
    evidence: int = 1
    window_evidence: int = 1
    stance_days: int = 30
    stance_types: tuple[str, ...] = ("ACCUSE", "REJECT", "REQUEST", "SUPPORT")
    story: bool = True
    same_article: bool = True

    def __post_init__(self) -> None:
        # read back from the store's JSON settings as a list
        object.__setattr__(self, "stance_types", tuple(self.stance_types))
        if self.stance_days < 0:
            raise OptionError(f"stance_days must be 0 or more, not {self.stance_days}")
        if self.window_days < 0:
            raise OptionError(f"window_days must be 0 or more, not {self.window_days}")
        if self.distance_km < 0:
            raise OptionError(f"distance_km must be 0 or more, not {self.distance_km}")
        if not 0 <= self.window_evidence <= 3:
            raise OptionError(f"window_evidence must be 0 to 3, not {self.window_evidence}")
        if not 0 <= self.evidence <= 3:
            raise OptionError(
                f"evidence must be 0 to 3 (of actor, recipient, location), not {self.evidence}"
            )
