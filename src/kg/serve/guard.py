"""What the endpoint refuses to run: the policy of :mod:`kg.querypolicy`, shared by every command."""

from kg.querypolicy import Refused, check, refusal, words

__all__ = ["Refused", "check", "words", "refusal"]
