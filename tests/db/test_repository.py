"""The repository on SQLite and PostgreSQL: storage, pagination, tenant scoping, history windows."""

from __future__ import annotations

import datetime as dt
import itertools
from typing import Any

import pytest
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from app.db import repository
from app.db.models import AuthorizationRow, CampaignRow, Screening, ShipmentGoods
from app.db.session import make_engine
from app.engine.types import GoodsSignature

T0 = dt.datetime(2026, 3, 1, 12, 0, tzinfo=dt.UTC)
_ids = itertools.count(1)


@pytest.fixture
def session(db_session: Session) -> Session:
    return db_session


def screening(tenant: str = "t-a", **fields: Any) -> Screening:
    number = next(_ids)
    values: dict[str, Any] = {
        "id": f"scr_{number:020d}",
        "tenant": tenant,
        "reference": f"REF-{number}",
        "idempotency_key": None,
        "request_hash": "0" * 64,
        "created_at": T0 + dt.timedelta(minutes=number),
        "departure_date": dt.date(2026, 3, 1),
        "shipper_id": "SHP-1",
        "consignee_id": "CNE-1",
        "destination_country": "US",
        "channel": "sea_freight",
        "risk_score": 10,
        "risk_level": "low",
        "decision": "clear",
        "line_count": 1,
        "result": b'{"screening_id": "x"}',
    }
    values.update(fields)
    return Screening(**values)


def goods(description: str = "quartz watch", quantity: int = 5) -> GoodsSignature:
    return GoodsSignature(
        description_key=description,
        category="watches",
        brand=None,
        quantity=quantity,
        value_usd=12.5,
        high_risk=True,
        packages=1,
    )


def add(session: Session, row: Screening, *signatures: GoodsSignature) -> Screening:
    repository.add_screening(session, row, signatures or (goods(),))
    session.commit()
    return row


def page(session: Session, tenant: str = "t-a", **filters: Any) -> list[str]:
    rows = repository.list_screenings(session, tenant, repository.ScreeningFilter(**filters), 100, None)
    return [r.id for r in rows]


def test_a_screening_is_stored_with_its_result_bytes(session: Session) -> None:
    body = '{"screening_id":"é","flags":[]}'.encode()
    row = add(session, screening(result=body))
    session.expunge_all()

    found = repository.get_screening(session, "t-a", row.id)

    assert found is not None
    assert found.result == body
    assert found.departure_date == dt.date(2026, 3, 1)
    stored = found.created_at if found.created_at.tzinfo else found.created_at.replace(tzinfo=dt.UTC)
    assert stored == row.created_at
    assert session.scalar(select(func.count()).select_from(ShipmentGoods)) == 1


def test_list_is_newest_first_and_filtered(session: Session) -> None:
    old = add(session, screening(reference="R-1", decision="hold", created_at=T0))
    mid = add(session, screening(reference="R-2", decision="clear", created_at=T0 + dt.timedelta(days=1)))
    new = add(session, screening(reference="R-1", decision="clear", created_at=T0 + dt.timedelta(days=2)))

    assert page(session) == [new.id, mid.id, old.id]
    assert page(session, reference="R-1") == [new.id, old.id]
    assert page(session, decision="clear") == [new.id, mid.id]
    assert page(session, created_from=T0 + dt.timedelta(days=1)) == [new.id, mid.id]
    assert page(session, created_to=T0 + dt.timedelta(days=1)) == [old.id]
    assert page(session, reference="R-1", decision="hold") == [old.id]


def test_cursor_walks_rows_with_equal_timestamps_without_gaps(session: Session) -> None:
    rows = [add(session, screening(created_at=T0)) for _ in range(4)]
    rows += [add(session, screening(created_at=T0 - dt.timedelta(seconds=1))) for _ in range(3)]
    seen: list[str] = []
    after = None
    while True:
        batch = repository.list_screenings(session, "t-a", repository.ScreeningFilter(), 2, after)
        if not batch:
            break
        seen.extend(r.id for r in batch)
        last = batch[-1]
        created = last.created_at if last.created_at.tzinfo else last.created_at.replace(tzinfo=dt.UTC)
        after = (created, last.id)

    expected = sorted(rows, key=lambda r: (r.created_at, r.id), reverse=True)
    assert seen == [r.id for r in expected]


def test_every_screening_query_is_scoped_to_its_tenant(session: Session) -> None:
    mine = add(session, screening("t-a", idempotency_key="k-1"))
    theirs = add(session, screening("t-b", idempotency_key="k-1"))

    assert repository.get_screening(session, "t-b", mine.id) is None
    assert repository.get_screening(session, "t-a", theirs.id) is None
    assert page(session, "t-a") == [mine.id]
    assert page(session, "t-b") == [theirs.id]
    assert page(session, "t-c") == []
    found_a = repository.find_by_idempotency_key(session, "t-a", "k-1")
    found_b = repository.find_by_idempotency_key(session, "t-b", "k-1")
    assert found_a is not None
    assert found_b is not None
    assert (found_a.id, found_b.id) == (mine.id, theirs.id)
    assert repository.find_by_idempotency_key(session, "t-c", "k-1") is None


def test_an_idempotency_key_is_unique_within_a_tenant(session: Session) -> None:
    add(session, screening("t-a", idempotency_key="k-dup"))

    with pytest.raises(IntegrityError):
        add(session, screening("t-a", idempotency_key="k-dup"))
    session.rollback()

    assert page(session, "t-a") != []
    assert len(page(session, "t-a")) == 1


def test_shipper_history_is_bounded_by_departure_dates_inclusively(session: Session) -> None:
    since, until = dt.date(2026, 3, 1), dt.date(2026, 3, 31)
    for day in (
        since - dt.timedelta(days=1),
        since,
        dt.date(2026, 3, 15),
        until,
        until + dt.timedelta(days=1),
    ):
        add(session, screening(departure_date=day), goods(quantity=day.day))
    add(session, screening(departure_date=since, shipper_id="SHP-OTHER"))
    add(session, screening("t-b", departure_date=since))

    history = repository.shipper_history(session, "t-a", "SHP-1", since, until)

    assert [h.departure_date for h in history] == [since, dt.date(2026, 3, 15), until]
    assert [h.goods[0].quantity for h in history] == [1, 15, 31]
    assert all(h.channel.value == "sea_freight" and h.destination_country == "US" for h in history)
    assert repository.shipper_history(session, "t-b", "SHP-1", since, until) != ()
    assert repository.shipper_history(session, "t-c", "SHP-1", since, until) == ()


def test_shipper_history_groups_the_goods_of_one_screening(session: Session) -> None:
    row = add(session, screening(), goods("quartz watch", 3), goods("leather strap", 7))

    [past] = repository.shipper_history(session, "t-a", "SHP-1", dt.date(2026, 1, 1), dt.date(2026, 12, 31))

    assert past.screening_id == row.id
    assert sorted(g.description_key for g in past.goods) == ["leather strap", "quartz watch"]
    assert past.consignee_id == "CNE-1"


def test_a_screening_without_shipper_leaves_no_history(session: Session) -> None:
    add(session, screening(shipper_id=None))

    assert session.scalar(select(func.count()).select_from(ShipmentGoods)) == 0


def authorization(tenant: str = "t-a", **fields: Any) -> AuthorizationRow:
    values: dict[str, Any] = {
        "id": f"auth_{next(_ids):020d}",
        "tenant": tenant,
        "brand": "Rolex",
        "shipper_id": "SHP-1",
        "reference": "LIC-1",
        "valid_from": dt.date(2026, 1, 1),
        "valid_to": dt.date(2026, 6, 30),
        "created_at": T0,
        "revoked_at": None,
    }
    values.update(fields)
    return AuthorizationRow(**values)


def test_authorizations_in_force_respect_window_shipper_tenant_and_revocation(session: Session) -> None:
    current = authorization()
    revoked = authorization(brand="Omega")
    for row in (current, revoked, authorization(shipper_id="SHP-2"), authorization("t-b", brand="Cartier")):
        repository.add_authorization(session, row)
    session.commit()
    assert repository.revoke_authorization(session, "t-a", revoked.id, T0)
    session.commit()

    def brands(tenant: str, shipper: str, on: dt.date) -> list[str]:
        return sorted(a.brand for a in repository.authorizations_in_force(session, tenant, shipper, on))

    assert brands("t-a", "SHP-1", dt.date(2026, 1, 1)) == ["Rolex"]
    assert brands("t-a", "SHP-1", dt.date(2026, 6, 30)) == ["Rolex"]
    assert brands("t-a", "SHP-1", dt.date(2025, 12, 31)) == []
    assert brands("t-a", "SHP-1", dt.date(2026, 7, 1)) == []
    assert brands("t-b", "SHP-1", dt.date(2026, 3, 1)) == ["Cartier"]
    assert brands("t-c", "SHP-1", dt.date(2026, 3, 1)) == []


def test_authorizations_are_listed_and_revoked_per_tenant(session: Session) -> None:
    mine = authorization()
    repository.add_authorization(session, mine)
    session.commit()

    assert not repository.revoke_authorization(session, "t-b", mine.id, T0)
    assert [a.id for a in repository.list_authorizations(session, "t-b")] == []
    assert [a.id for a in repository.list_authorizations(session, "t-a", "SHP-1")] == [mine.id]
    assert repository.list_authorizations(session, "t-a", "SHP-2") == []

    assert repository.revoke_authorization(session, "t-a", mine.id, T0)
    assert not repository.revoke_authorization(session, "t-a", mine.id, T0), "revoked once only"
    session.commit()
    assert repository.list_authorizations(session, "t-a") == []
    assert [a.id for a in repository.list_authorizations(session, "t-a", include_revoked=True)] == [mine.id]


def test_campaign_upsert_inserts_then_replaces(session: Session) -> None:
    repository.upsert_campaign(session, "c-1", '{"v": 1}', "t-a", T0)
    session.commit()
    repository.upsert_campaign(session, "c-1", '{"v": 2}', "t-b", T0 + dt.timedelta(hours=1))
    repository.upsert_campaign(session, "c-0", '{"v": 0}', "t-a", T0)
    session.commit()
    session.expunge_all()

    rows = repository.list_campaign_rows(session)

    assert [(r.id, r.spec, r.updated_by) for r in rows] == [
        ("c-0", '{"v": 0}', "t-a"),
        ("c-1", '{"v": 2}', "t-b"),
    ]
    assert session.scalar(select(func.count()).select_from(CampaignRow)) == 2


def test_a_database_test_is_rolled_back_whatever_it_commits(session: Session, database_url: str) -> None:
    row = screening()
    repository.add_screening(session, row, ())
    session.commit()
    assert repository.get_screening(session, row.tenant, row.id) is not None
    # Another connection does not see it: the commit only released a savepoint of the test's
    # transaction, which the fixture rolls back.
    engine = make_engine(database_url)
    with engine.connect() as other:
        assert other.execute(select(func.count()).select_from(Screening)).scalar_one() == 0
    engine.dispose()
