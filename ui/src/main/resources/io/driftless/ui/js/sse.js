// Reads a Server-Sent Events body (text/event-stream) as it arrives: used by the shared stream
// worker and by a tab that reads the stream itself.

/**
 * Calls onEvent(id, event) for each block of the stream until it ends: id is the block's 'id:'
 * (null without one), event its 'data:' parsed as JSON (null without data or when not JSON).
 * Lines starting with ':' are keep-alive comments.
 */
export async function readEvents(body, onEvent) {
  const reader = body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return;
    buffer += value;
    let m;
    while ((m = /(\r\n|\r|\n)(\r\n|\r|\n)/.exec(buffer))) {
      const block = buffer.slice(0, m.index);
      buffer = buffer.slice(m.index + m[0].length);
      const { id, event } = parse(block);
      onEvent(id, event);
    }
  }
}

function parse(block) {
  let id = null;
  const data = [];
  for (const line of block.split(/\r\n|\r|\n/)) {
    if (!line || line.startsWith(':')) continue;
    const colon = line.indexOf(':');
    const field = colon < 0 ? line : line.slice(0, colon);
    const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
    if (field === 'id') id = value;
    else if (field === 'data') data.push(value);
  }
  let event = null;
  if (data.length) {
    try {
      event = JSON.parse(data.join('\n'));
    } catch (e) {
      event = null;
    }
  }
  return { id, event };
}
