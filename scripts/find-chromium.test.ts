import { describe, expect, it } from 'vitest';
import { findChromium } from './find-chromium.mjs';

describe('findChromium', () => {
  it('explains how to install a browser when none is found', () => {
    const r = findChromium({}, ['/nonexistent/chromium']);
    if (r.ok) throw new Error('expected no browser');
    expect(r.message).toContain('apt-get install -y chromium');
    expect(r.message).toContain('CHROMIUM_PATH');
  });

  it('says so when CHROMIUM_PATH points at nothing', () => {
    const r = findChromium({ CHROMIUM_PATH: '/nonexistent/chrome' });
    expect(r).toEqual({ ok: false, message: expect.stringContaining('/nonexistent/chrome') });
  });

  it('uses the first candidate that exists', () => {
    const r = findChromium({}, ['/nonexistent/chromium', process.execPath]);
    expect(r).toEqual({ ok: true, path: process.execPath });
  });
});
