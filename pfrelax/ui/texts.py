"""Fixed product copy the windows show (from CLINICAL.md §1 and §5); one place to change it."""

from __future__ import annotations

APP_TITLE = "pfrelax"  # neutral on purpose: the title bar and taskbar say nothing about why

YOU_CAN_STOP = "You can stop at any time."

STOP_RULES = (
    "Stop and breathe normally if you feel dizzy, light-headed, tingling in hands or lips, "
    "short of breath, chest pain, palpitations or panic.",
    "Practise sitting or lying down; never while driving or in or near water.",
    "Ask your clinician before breath-hold practice if you are pregnant, or have heart, lung or "
    "seizure conditions, glaucoma, or a history of panic attacks.",
    "Slow and gentle, not big: at slow rates it is easy to over-breathe.",
)

DISCLAIMER = (
    "pfrelax offers breathing, relaxation and mindfulness exercises for general well-being. "
    "It is not a medical device and does not diagnose, treat, cure or prevent any condition, and "
    "it does not replace care from your physical therapist or doctor. Stop any exercise that "
    "causes dizziness, tingling, pain, breathlessness or distress, and breathe normally."
)

SUPPORT = (
    "If you are in crisis or thinking about harming yourself, please reach out now: call your "
    "local emergency number, or a crisis line (in the US call or text 988; in the UK and Ireland "
    "call Samaritans on 116 123). You deserve support."
)

SESSION_COMPLETE = "Session complete. Notice how you feel."
SESSION_STOPPED = "Session stopped. That is fine; whatever you did counts."
PAUSED = "Paused"
GET_READY = "Get ready"


def count_steps(count: int) -> str:
    """ "1 step", "7 steps"."""
    return f"{count} step" if count == 1 else f"{count} steps"
