// A Matrix client on Element's own SDK (matrix-js-sdk with its Rust crypto), driven by the
// Python tests one JSON line at a time on stdin; each answer is one JSON line on stdout.
//
// It behaves as Element does where it matters: it cross-signs its own device, runs in
// "exclude insecure devices" mode (MSC4153: room keys only for cross-signed devices), opens
// direct chats encrypted (preset trusted_private_chat, is_direct, m.room.encryption in the
// initial state) and encrypts attachments (matrix-encrypt-attachment, Element's library).
//
// Usage: node client.mjs HOMESERVER USER_ID PASSWORD
import "./node20.mjs";
import * as sdk from "matrix-js-sdk";
import { DeviceIsolationModeKind } from "matrix-js-sdk/lib/crypto-api/index.js";
import { decryptAttachment, encryptAttachment } from "matrix-encrypt-attachment";
import readline from "node:readline";
import loglevel from "loglevel";

// stdout is for answers only: the SDK's own chatter goes to stderr.
const answer = (message) => process.stdout.write(`${JSON.stringify(message)}\n`);
for (const level of ["log", "info", "debug", "warn"]) console[level] = console.error;
loglevel.getLogger("matrix").setLevel("error");
const [homeserver, userId, password] = process.argv.slice(2);

const login = await sdk.createClient({ baseUrl: homeserver }).loginRequest({
  type: "m.login.password",
  identifier: { type: "m.id.user", user: userId },
  password,
  initial_device_display_name: "js-sdk test client",
});
const client = sdk.createClient({
  baseUrl: homeserver,
  userId,
  deviceId: login.device_id,
  accessToken: login.access_token,
});
await client.initRustCrypto({ useIndexedDB: false });
const crypto = client.getCrypto();
await crypto.bootstrapCrossSigning({
  authUploadDeviceSigningKeys: async (makeRequest) => {
    await makeRequest({
      type: "m.login.password",
      identifier: { type: "m.id.user", user: userId },
      password,
    });
  },
});
crypto.setDeviceIsolationMode({ kind: DeviceIsolationModeKind.OnlySignedDevicesIsolationMode });
const prepared = new Promise((resolve) =>
  client.on(sdk.ClientEvent.Sync, (state) => state === "PREPARED" && resolve()),
);
client.on(sdk.ClientEvent.Sync, (state, _, data) =>
  console.error("SYNCSTATE", state, data?.error?.message ?? ""),
);
client.startClient({ initialSyncLimit: 50 });
await prepared;

// Until the room has come down the sync as joined (and its encryption is set up, if any):
// what a person sees before their client lets them type.
async function joined(roomId) {
  for (let waited = 0; waited < 30000; waited += 50) {
    const room = client.getRoom(roomId);
    if (
      room?.getMyMembership() === "join" &&
      (!room.hasEncryptionStateEvent() || (await crypto.isEncryptionEnabledInRoom(roomId)))
    ) {
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  const room = client.getRoom(roomId);
  throw new Error(
    `${roomId} never appeared as joined: membership ${room?.getMyMembership()}, ` +
      `encryption state ${room?.hasEncryptionStateEvent()}, ` +
      `crypto ${await crypto.isEncryptionEnabledInRoom(roomId)}`,
  );
}

async function timeline(roomId) {
  const room = client.getRoom(roomId);
  if (!room) return [];
  const events = room.getLiveTimeline().getEvents();
  await Promise.all(events.map((event) => client.decryptEventIfNeeded(event)));
  return events.map((event) => ({
    event_id: event.getId(),
    sender: event.getSender(),
    type: event.getType(),
    encrypted: event.isEncrypted(),
    decryption_failure: event.isDecryptionFailure(),
    content: event.getContent(),
  }));
}

const operations = {
  async whoami() {
    return { user_id: userId, device_id: login.device_id };
  },
  // A direct chat as Element opens one: encrypted from its first event.
  async create_direct({ invite }) {
    const { room_id } = await client.createRoom({
      preset: sdk.Preset.TrustedPrivateChat,
      is_direct: true,
      invite: [invite],
      initial_state: [
        { type: "m.room.encryption", state_key: "", content: { algorithm: "m.megolm.v1.aes-sha2" } },
      ],
    });
    await joined(room_id);
    return { room_id };
  },
  async invites() {
    const rooms = client.getRooms().filter((room) => room.getMyMembership() === "invite");
    return { rooms: rooms.map((room) => room.roomId) };
  },
  async join({ room_id }) {
    await client.joinRoom(room_id);
    await joined(room_id);
    return {};
  },
  async encrypted({ room_id }) {
    return { encrypted: Boolean(client.getRoom(room_id)?.hasEncryptionStateEvent()) };
  },
  async send({ room_id, body }) {
    const { event_id } = await client.sendTextMessage(room_id, body);
    return { event_id };
  },
  async send_image({ room_id, data_base64, name, mimetype }) {
    const plain = Buffer.from(data_base64, "base64");
    const { data, info } = await encryptAttachment(plain);
    const { content_uri } = await client.uploadContent(Buffer.from(data), {
      type: "application/octet-stream",
      includeFilename: false,
    });
    const { event_id } = await client.sendMessage(room_id, {
      msgtype: "m.image",
      body: name,
      info: { mimetype, size: plain.length },
      file: { ...info, url: content_uri },
    });
    return { event_id };
  },
  // An encrypted file, fetched with authenticated media and decrypted as Element does.
  async download({ content }) {
    const url = client.mxcUrlToHttp(content.file.url, undefined, undefined, undefined, false, true, true);
    const response = await fetch(url, { headers: { Authorization: `Bearer ${login.access_token}` } });
    if (!response.ok) throw new Error(`download: HTTP ${response.status}`);
    const plain = await decryptAttachment(await response.arrayBuffer(), content.file);
    return { hex: Buffer.from(plain).toString("hex") };
  },
  async timeline({ room_id }) {
    return { events: await timeline(room_id) };
  },
  async stop() {
    client.stopClient();
    setTimeout(() => process.exit(0), 50);
    return {};
  },
};

answer({ ready: true, device_id: login.device_id });
for await (const line of readline.createInterface({ input: process.stdin })) {
  const { id, op, ...args } = JSON.parse(line);
  try {
    answer({ id, ok: true, ...(await operations[op](args)) });
  } catch (error) {
    answer({ id, ok: false, error: String(error?.stack ?? error) });
  }
}
