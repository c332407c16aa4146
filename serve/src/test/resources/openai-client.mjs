// Calls an asr4j server with the official openai npm package, once per response format and
// streamed, and writes what the client returned as one JSON file for the Java test to check.
// usage: node openai-client.mjs BASE_URL AUDIO_FILE OUT.json EXTRA_FIELDS_JSON
import fs from 'node:fs';
import OpenAI from 'openai';

const [baseURL, audio, out, extraJson] = process.argv.slice(2);
const extra = JSON.parse(extraJson);
const client = new OpenAI({ baseURL, apiKey: 'not-needed', maxRetries: 0 });
const file = () => fs.createReadStream(audio);
const asText = (r) => (typeof r === 'string' ? r : JSON.stringify(r));
const results = {};

for (const format of ['json', 'text', 'srt', 'verbose_json', 'vtt']) {
  results[format] = asText(await client.audio.transcriptions.create(
    { file: file(), model: 'whisper-1', response_format: format, ...extra }));
}
results.verbose_json_words = asText(await client.audio.transcriptions.create(
  { file: file(), model: 'whisper-1', response_format: 'verbose_json',
    timestamp_granularities: ['word', 'segment'], ...extra }));
for (const format of ['json', 'text']) {
  const events = [];
  const stream = await client.audio.transcriptions.create(
    { file: file(), model: 'whisper-1', response_format: format, stream: true, ...extra });
  for await (const event of stream) events.push(event);
  results['stream_' + format] = JSON.stringify(events);
}
for (const format of ['srt', 'verbose_json', 'vtt']) {
  try {
    await client.audio.transcriptions.create(
      { file: file(), model: 'whisper-1', response_format: format, stream: true, ...extra });
    results['stream_' + format] = 'no error';
  } catch (e) {
    results['stream_' + format] = JSON.stringify({ status: e.status, error: e.error });
  }
}
results.translation = asText(await client.audio.translations.create(
  { file: file(), model: 'whisper-1', response_format: 'json', ...extra }));
results.models = JSON.stringify(await client.models.list().then((page) => page.data));
try {
  await client.audio.transcriptions.create({ file: file(), model: 'whisper-1', response_format: 'mp3' });
  results.bad_format = 'no error';
} catch (e) {
  results.bad_format = JSON.stringify({ status: e.status, error: e.error });
}
fs.writeFileSync(out, JSON.stringify(results));
