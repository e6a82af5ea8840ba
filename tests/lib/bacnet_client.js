// BACnet/IP client for the gateway tests, on @bacnet-js/client (npm,
// installed by the test set-up under the build tree).  Loopback only.
//
//   node bacnet_client.js PORT discover        "device N vendor V"
//   node bacnet_client.js PORT dump            one line per object:
//        "TYPE:INSTANCE NAME units=U value=V" by ReadProperty, and
//        "rpm-mismatch ..." when ReadPropertyMultiple says otherwise
//   node bacnet_client.js PORT read TYPE INST PROP   the value, or "error CLASS CODE"
//   node bacnet_client.js PORT write TYPE INST PROP  "error CLASS CODE" (or "written")
//   node bacnet_client.js PORT cov INSTANCE SECONDS  "cov V" per notification
//        of Multi-state Value INSTANCE ("subscribed" first)
'use strict';
const Bacnet = require('@bacnet-js/client');

const [port, cmd, ...args] = process.argv.slice(2);
const target = { address: '127.0.0.1:' + port };
const client = new Bacnet.default({ port: 0, interface: '127.0.0.1',
	broadcastAddress: '127.0.0.1:' + port, apduTimeout: 3000 });
const P = { NAME: 77, LIST: 76, PV: 85, UNITS: 117 };
const AV = 2, DEVICE = 8, MV = 19;

function done(code) { client.close(); process.exit(code); }
function val(v) { return v && v.values && v.values.length ? v.values[0].value : undefined; }
function fmt(x) {
	if (typeof x === 'number')
		return String(Number(x.toFixed(2)));
	if (x && typeof x === 'object' && Array.isArray(x.value))       // a bit string
		return 'bits:' + x.value.map(b => b.toString(2).padStart(8, '0')).join('')
			.slice(0, x.bitsUsed);
	return String(x);
}

async function read(type, inst, prop, index) {
	const opts = index === undefined ? {} : { arrayIndex: index };
	return client.readProperty(target, { type, instance: inst }, prop, opts);
}

async function objectList(dev) {
	const n = val(await read(DEVICE, dev, P.LIST, 0));
	const out = [];
	for (let i = 1; i <= n; i++)
		out.push(val(await read(DEVICE, dev, P.LIST, i)));
	return out;
}

async function dump() {
	const dev = 4194303;            // "this device", whatever its instance
	const list = await objectList(dev);
	const whole = (await read(DEVICE, dev, P.LIST)).values.map(v => v.value);
	if (JSON.stringify(whole) !== JSON.stringify(list))
		console.log('list-mismatch whole array != element by element');
	for (const o of list) {
		const name = val(await read(o.type, o.instance, P.NAME));
		const pv = val(await read(o.type, o.instance, P.PV).catch(() => null));
		const units = o.type === AV ? val(await read(o.type, o.instance, P.UNITS)) : '-';
		console.log(`${o.type}:${o.instance} ${name} units=${units} value=${fmt(pv)}`);
		if (o.type === DEVICE)
			continue;
		const props = [{ id: P.NAME }, { id: P.PV }].concat(o.type === AV ? [{ id: P.UNITS }] : []);
		const rpm = await client.readPropertyMultiple(target, [{ objectId: o, properties: props }]);
		const got = {};
		for (const r of rpm.values[0].values)
			got[r.id] = r.value && r.value[0] ? r.value[0].value : undefined;
		const same = got[P.NAME] === name && fmt(got[P.PV]) === fmt(pv) &&
			(o.type !== AV || got[P.UNITS] === units);
		if (!same)
			console.log(`rpm-mismatch ${o.type}:${o.instance} ${JSON.stringify(got)}`);
	}
}

async function main() {
	if (cmd === 'discover') {
		client.on('iAm', (msg) => {
			const p = msg.payload;
			console.log(`device ${p.deviceId} vendor ${p.vendorId}`);
			done(0);
		});
		client.whoIs(target);
		setTimeout(() => { console.log('no I-Am'); done(1); }, 3000);
	} else if (cmd === 'dump') {
		await dump();
		done(0);
	} else if (cmd === 'read') {
		const [type, inst, prop] = args.map(Number);
		try {
			const r = await read(type, inst, prop);
			console.log(r.values.map(v => fmt(v.value)).join(' '));
		} catch (e) {
			const m = /Class:(\d+) - Code:(\d+)/.exec(String(e.message || e));
			console.log(m ? `error ${m[1]} ${m[2]}` : 'failed: ' + (e.message || e));
		}
		done(0);
	} else if (cmd === 'write') {
		const [type, inst, prop] = args.map(Number);
		try {
			await client.writeProperty(target, { type, instance: inst }, prop,
				[{ type: 4, value: 1 }], {});
			console.log('written');
		} catch (e) {
			const m = /Class:(\d+) - Code:(\d+)/.exec(String(e.message || e));
			console.log(m ? `error ${m[1]} ${m[2]}` : 'failed: ' + (e.message || e));
		}
		done(0);
	} else if (cmd === 'cov') {
		const inst = Number(args[0]);
		client.on('covNotifyUnconfirmed', (msg) => {
			const pv = msg.payload.values.find(v => v.property.id === P.PV);
			console.log(`cov ${pv.value[0].value}`);
		});
		await client.subscribeCov(target, { type: MV, instance: inst }, 7, false, false, 300);
		console.log('subscribed');
		setTimeout(() => done(0), Number(args[1]) * 1000);
	}
}

main().catch((e) => { console.log('failed: ' + (e.message || e)); done(1); });
