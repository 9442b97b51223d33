/**
 * The public pages' few static assets, built in memory once: the stylesheet, the comment form's script (the proof
 * of work, with its own SHA-256 so that it works on plain http where crypto.subtle is absent) and the card image
 * that a link shared on Zalo or Facebook shows (a PNG, 1200×630: social networks do not show SVG). The card is one
 * image for every page — a red field with the gold star and a gold band — generated here rather than committed as
 * a binary; the title and description of each page travel in its og: tags.
 */
import { deflateSync } from 'node:zlib';

export const STYLESHEET = `:root{--red:#a4161a;--ink:#1f1f1f;--muted:#5c5c5c;--line:#d9d9d9;--bg:#faf8f5;--gold:#8a6100}
*{box-sizing:border-box}html{-webkit-text-size-adjust:100%}
body{margin:0;font-family:system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;font-size:1.0625rem;line-height:1.6;color:var(--ink);background:var(--bg)}
.wrap{max-width:62rem;margin:0 auto;padding:0 1rem}
.skip{position:absolute;left:-999px;top:0;background:#fff;padding:.5rem 1rem;z-index:10}.skip:focus{left:.5rem}
header.site{background:var(--red);color:#fff}header.site .wrap{display:flex;flex-wrap:wrap;align-items:center;justify-content:space-between;gap:.5rem;padding-top:.75rem;padding-bottom:.75rem}
header.site a{color:#fff;text-decoration:none}.brand{font-weight:700;font-size:1.2rem}
header.site nav{display:flex;gap:1rem}header.site nav a{padding:.25rem 0;border-bottom:2px solid transparent}header.site nav a[aria-current=page],header.site nav a:hover{border-bottom-color:#ffd54f}
main{padding-top:1rem;padding-bottom:2rem}h1{font-size:1.6rem;line-height:1.3;margin:.5rem 0 1rem}h2{font-size:1.3rem;line-height:1.35}h3{font-size:1.15rem;margin:0 0 .5rem}
a{color:#0b57d0}a:focus-visible,button:focus-visible,input:focus-visible,select:focus-visible,textarea:focus-visible{outline:3px solid #ffbf00;outline-offset:2px}
.cards{display:grid;gap:1rem}.card{background:#fff;border:1px solid var(--line);border-radius:8px;padding:1rem;margin:0 0 1rem}
ul.entries,ul.answers{list-style:none;padding:0;margin:0}
dl.facts{display:grid;grid-template-columns:max-content 1fr;gap:.15rem .75rem;margin:.25rem 0 .5rem}dl.facts dt{color:var(--muted)}dl.facts dd{margin:0}
.achievement,.pre{white-space:pre-wrap}.muted{color:var(--muted)}.period{background:#fff7e6;border-left:4px solid var(--gold);padding:.5rem .75rem}
blockquote{margin:.5rem 0;padding:.25rem .75rem;border-left:4px solid var(--line);white-space:pre-wrap}
.button{display:inline-block;background:var(--red);color:#fff;border:0;border-radius:6px;padding:.6rem 1.1rem;font:inherit;font-weight:600;text-decoration:none;cursor:pointer;min-height:44px}
.button.secondary{background:#fff;color:var(--red);border:2px solid var(--red)}
.field{margin:0 0 1rem}.field label{display:block;font-weight:600;margin-bottom:.25rem}.req{font-weight:400;color:var(--muted)}.hint{margin:0 0 .25rem;color:var(--muted);font-size:.95rem}
input,select,textarea{width:100%;font:inherit;padding:.55rem .6rem;border:1px solid #8c8c8c;border-radius:6px;background:#fff;min-height:44px}
input[type=file]{padding:.4rem}[aria-invalid=true]{border:2px solid #b3261e}
.error{color:#b3261e;font-weight:600;margin:.25rem 0 0}.alert{background:#fdecea;border:1px solid #f5c2c0;border-radius:8px;padding:.75rem 1rem;margin:0 0 1rem}.alert.success{background:#e8f5e9;border-color:#a5d6a7}
.note{border-top:1px solid var(--line);margin-top:2rem}.pages{display:flex;gap:1rem;align-items:center;margin:1rem 0}
.filters{background:#fff;border:1px solid var(--line);border-radius:8px;padding:1rem;margin-bottom:1rem}
footer.site{border-top:1px solid var(--line);color:var(--muted);font-size:.95rem;padding:1rem 0 2rem}
@media (min-width:48rem){.cards{grid-template-columns:1fr 1fr}.filters{display:grid;grid-template-columns:2fr 1fr 1fr;gap:0 1rem;align-items:end}.filters .field{margin-bottom:.75rem}h1{font-size:2rem}}
`;

/** The comment form's script: fetch a challenge, find the nonce, then send the form as it is. */
export const COMMENT_SCRIPT = `(function(){'use strict';
var K=[1116352408,1899447441,3049323471,3921009573,961987163,1508970993,2453635748,2870763221,3624381080,310598401,607225278,1426881987,1925078388,2162078206,2614888103,3248222580,3835390401,4022224774,264347078,604807628,770255983,1249150122,1555081692,1996064986,2554220882,2821834349,2952996808,3210313671,3336571891,3584528711,113926993,338241895,666307205,773529912,1294757372,1396182291,1695183700,1986661051,2177026350,2456956037,2730485921,2820302411,3259730800,3345764771,3516065817,3600352804,4094571909,275423344,430227734,506948616,659060556,883997877,958139571,1322822218,1537002063,1747873779,1955562222,2024104815,2227730452,2361852424,2428436474,2756734187,3204031479,3329325298];
function sha(s){var b=[],i,j;for(i=0;i<s.length;i++)b.push(s.charCodeAt(i)&255);var l=b.length*8;b.push(128);while(b.length%64!==56)b.push(0);for(i=7;i>=0;i--)b.push(i>3?0:(l>>>(i*8))&255);
var h=[1779033703,3144134277,1013904242,2773480762,1359893119,2600822924,528734635,1541459225],w=new Array(64);
for(i=0;i<b.length;i+=64){for(j=0;j<16;j++)w[j]=(b[i+4*j]<<24)|(b[i+4*j+1]<<16)|(b[i+4*j+2]<<8)|b[i+4*j+3];
for(j=16;j<64;j++){var x=w[j-15],y=w[j-2];w[j]=(((x>>>7|x<<25)^(x>>>18|x<<14)^(x>>>3))+w[j-7]+((y>>>17|y<<15)^(y>>>19|y<<13)^(y>>>10))+w[j-16])|0}
var a=h[0],c=h[1],d=h[2],e=h[3],f=h[4],g=h[5],k=h[6],m=h[7];
for(j=0;j<64;j++){var t1=(m+((f>>>6|f<<26)^(f>>>11|f<<21)^(f>>>25|f<<7))+((f&g)^(~f&k))+K[j]+w[j])|0,t2=(((a>>>2|a<<30)^(a>>>13|a<<19)^(a>>>22|a<<10))+((a&c)^(a&d)^(c&d)))|0;m=k;k=g;g=f;f=(e+t1)|0;e=d;d=c;c=a;a=(t1+t2)|0}
h[0]=(h[0]+a)|0;h[1]=(h[1]+c)|0;h[2]=(h[2]+d)|0;h[3]=(h[3]+e)|0;h[4]=(h[4]+f)|0;h[5]=(h[5]+g)|0;h[6]=(h[6]+k)|0;h[7]=(h[7]+m)|0}return h}
function zeros(h){var n=0;for(var i=0;i<8;i++){if(h[i]===0){n+=32;continue}return n+Math.clz32(h[i])}return n}
var form=document.querySelector('form.comment-form');if(!form)return;
var status=form.querySelector('.status'),busy=false;
form.addEventListener('submit',function(ev){if(form.elements.nonce.value)return;ev.preventDefault();if(busy)return;busy=true;
var bits=Number(form.getAttribute('data-bits'))||0;status.textContent='Đang tính mã chống thư rác, vui lòng chờ trong giây lát…';
fetch(form.getAttribute('data-challenge-url'),{cache:'no-store'}).then(function(r){if(!r.ok)throw new Error(String(r.status));return r.json()}).then(function(c){
var n=0;(function step(){var end=n+20000;for(;n<end;n++){var nonce=n.toString(36);if(zeros(sha(c.challenge+':'+nonce))>=bits){form.elements.challenge.value=c.challenge;form.elements.nonce.value=nonce;status.textContent='Đang gửi…';form.submit();return}}setTimeout(step,0)})()
}).catch(function(){busy=false;status.textContent='Không lấy được mã chống thư rác. Vui lòng kiểm tra kết nối và thử lại.'})});
})();
`;

let card: Buffer | undefined;

/** The shared card (PNG, 1200×630), drawn once. */
export function shareCard(): Buffer {
  card ??= drawCard();
  return card;
}

function drawCard(): Buffer {
  const width = 1200;
  const height = 630;
  const red = [164, 22, 26];
  const gold = [255, 205, 60];
  const cx = 600;
  const cy = 285;
  const outer = 190;
  const inner = outer * 0.382;
  // The star's ten corners, pointing up.
  const corners: [number, number][] = [];
  for (let i = 0; i < 10; i++) {
    const r = i % 2 === 0 ? outer : inner;
    const a = -Math.PI / 2 + (i * Math.PI) / 5;
    corners.push([cx + r * Math.cos(a), cy + r * Math.sin(a)]);
  }
  const inStar = (x: number, y: number) => {
    let inside = false;
    for (let i = 0, j = corners.length - 1; i < corners.length; j = i++) {
      const [xi, yi] = corners[i]!;
      const [xj, yj] = corners[j]!;
      if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
    }
    return inside;
  };
  const raw = Buffer.alloc((width * 3 + 1) * height);
  for (let y = 0; y < height; y++) {
    const row = y * (width * 3 + 1);
    raw[row] = 0;
    for (let x = 0; x < width; x++) {
      const band = y >= 520 && y < 540;
      const colour = band || (Math.abs(x - cx) <= outer && Math.abs(y - cy) <= outer && inStar(x + 0.5, y + 0.5)) ? gold : red;
      raw.set(colour, row + 1 + x * 3);
    }
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8);
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', header), chunk('IDAT', deflateSync(raw, { level: 9 })), chunk('IEND', Buffer.alloc(0))]);
}

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(data: Buffer): number {
  let c = 0xffffffff;
  for (const byte of data) c = CRC_TABLE[(c ^ byte) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
