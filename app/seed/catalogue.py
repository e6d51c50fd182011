"""The raw material of the demo data, in one namespace for the generator: fictional people and
places (``people_data``), what customers write about (``topic_data``) and how conversations
go on (``conversation_data``). Everything is invented.
"""

from app.seed.conversation_data import *  # noqa: F403
from app.seed.people_data import *  # noqa: F403
from app.seed.topic_data import *  # noqa: F403
