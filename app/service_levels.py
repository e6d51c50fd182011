"""How long a contact may wait in the queue, by channel: its due time is its arrival plus this.

A caller who left a message is called back within the hour, social networks expect an answer
within two, e-mail within a day, a letter within three. The seeder's past contacts and the
centre's arrivals (``relais_receive``, whose SQL repeats these figures: tests/ingest compares
them) use the same table.
"""

from datetime import timedelta

from app.enums import Channel

DUE_WITHIN: dict[Channel, timedelta] = {
    Channel.PHONE: timedelta(hours=1),
    Channel.EMAIL: timedelta(hours=24),
    Channel.FACEBOOK: timedelta(hours=2),
    Channel.X: timedelta(hours=2),
    Channel.INSTAGRAM: timedelta(hours=2),
    Channel.WHATSAPP: timedelta(hours=2),
    Channel.LETTER: timedelta(hours=72),
}
