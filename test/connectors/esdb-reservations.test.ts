// Event-id reservations on EventStoreDB: what makes them idempotent per stream and refused
// for any other stream is the reservation's own event id, checked here without a server.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { RESERVATION_TYPE, reservation, reservationId, reservationStream } from '../../connectors/eventstore/esdbReservations.ts';
import { isSystemEvent, wanted } from '../../connectors/eventstore/esdbMapping.ts';

const t = suite('esdb event-id reservations');
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const id = '0190f0b2-7c1e-7a3b-9c4d-5e6f7a8b9c0d';

t('a retry for the same stream writes the very same reservation (the server answers it as already done)', () => {
  assert.equal(reservation(id, 'plan-acme.winter'), reservation(id, 'plan-acme.winter'));
  assert.is(reservationId(id.toUpperCase(), 'plan-acme.winter'), reservationId(id, 'plan-acme.winter'), 'ids compare as uuids do');
});

t('another stream writes a reservation with another id into the same stream (the server refuses it)', () => {
  assert.is(reservationStream(id), reservationStream(id.toUpperCase()));
  assert.is.not(reservationId(id, 'plan-acme.winter'), reservationId(id, 'plan-acme.summer'));
  assert.ok(UUID.test(reservationId(id, 'plan-acme.winter')), 'EventStoreDB takes only uuids as event ids');
});

t('reservations are never read as events of ours', () => {
  const r = reservation(id, 'tenant-acme');
  assert.is(r.type, RESERVATION_TYPE);
  assert.ok(isSystemEvent(reservationStream(id), r.type));
  assert.not.ok(wanted(undefined, reservationStream(id), r.type));
  assert.not.ok(wanted({ streamPrefixes: [''] }, reservationStream(id), r.type));
});

t.run();
