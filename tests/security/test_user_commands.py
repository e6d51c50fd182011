"""What the hostile sessions rely on from ``relais user …``, checked on the same server: a user
disabled can be enabled again, a user provisioned again changes team. Not attacks (they are not
counted in the security summary), but found while trying them."""

import io

import pytest
from hostile_session import OTHER_TEAM, TEAM, connect

from app import users

pytestmark = pytest.mark.postgres


def test_enable_after_disable_gives_the_user_back_their_rights(centre) -> None:
    user = centre.user("advisor", TEAM)
    users.user_enable(centre.url, user.login, False, out=io.StringIO())
    users.user_enable(centre.url, user.login, True, out=io.StringIO())
    again = connect(centre.pg.user_url(user.login))
    try:
        assert again.execute("SELECT relais_my_role()").fetchone()[0] == "advisor"
        assert again.execute("SELECT relais_push(gen_random_uuid(), '[]')").fetchone()[0]
    finally:
        again.close()


def test_user_add_again_moves_a_user_to_another_team(centre) -> None:
    user = centre.user("advisor", TEAM)
    users.user_add(centre.url, user.login, "advisor", OTHER_TEAM, None, user.login, io.StringIO())
    assert (
        centre.scalar("SELECT team_id FROM advisor WHERE id = %s", (user.id,))
        == (centre.teams[OTHER_TEAM])
    )
