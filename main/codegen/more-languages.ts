/**
 * The embed API in Ruby (Sinatra, jwt), Go (net/http, golang-jwt), Java (HttpServer, jjwt), C#
 * (ASP.NET minimal API, System.IdentityModel.Tokens.Jwt) and PHP (built-in server,
 * firebase/php-jwt): each with the JWT library its ecosystem picks, the secret from EMBED_SECRET,
 * `--print` for one URL, and a comment per parameter.
 */
import type { CodegenLanguage, GeneratedProgram } from '../../preload/contract'
import type { EmbedRecipe } from './codegen'
import { claimComment, indent, paramComment } from './comments'

type Lang = Exclude<CodegenLanguage, 'node' | 'python'>

/** A literal of JSON data in the language. */
function lit(lang: Lang, value: unknown): string {
  if (typeof value === 'string') {
    if (lang === 'ruby' || lang === 'php') return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`
    return JSON.stringify(value)
  }
  if (typeof value === 'number' || typeof value === 'boolean') return String(value)
  if (Array.isArray(value)) {
    const items = value.map((v) => lit(lang, v)).join(', ')
    return lang === 'go'
      ? `[]string{${items}}`
      : lang === 'java'
        ? `List.of(${items})`
        : lang === 'csharp'
          ? `new[] { ${items} }`
          : `[${items}]`
  }
  if (value && typeof value === 'object') {
    const entries = Object.entries(value)
    if (lang === 'go')
      return `map[string]any{${entries.map(([k, v]) => `${lit(lang, k)}: ${lit(lang, v)}`).join(', ')}}`
    if (lang === 'java') return `Map.of(${entries.map(([k, v]) => `${lit(lang, k)}, ${lit(lang, v)}`).join(', ')})`
    if (lang === 'csharp')
      return `new Dictionary<string, object> { ${entries.map(([k, v]) => `[${lit(lang, k)}] = ${lit(lang, v)}`).join(', ')} }`
    const pairs = entries.map(([k, v]) => `${lit(lang, k)} => ${lit(lang, v)}`).join(', ')
    return lang === 'ruby' ? `{ ${pairs} }` : `[${pairs}]`
  }
  return lang === 'go' ? 'nil' : lang === 'ruby' ? 'nil' : 'null'
}

const comment = (lang: Lang) => (lang === 'ruby' ? '#' : '//')

/** The claims (jti, iat, exp at run time) as `key, value` rows for the language's map. */
function claimRows(lang: Lang, r: EmbedRecipe, now: string, jti: string): string[] {
  const c = comment(lang)
  const row = (k: string, v: string) => {
    if (lang === 'go') return `${lit(lang, k)}: ${v},`
    if (lang === 'ruby' || lang === 'php') return `${lit(lang, k)} => ${v},`
    if (lang === 'csharp') return `{ ${lit(lang, k)}, ${v} },`
    return `.claim(${lit(lang, k)}, ${v})`
  }
  return [
    `${row('sub', lit(lang, r.persona.email))} ${c} ${claimComment('sub')}`,
    `${row('jti', jti)} ${c} ${claimComment('jti')}`,
    `${row('iat', now)} ${c} ${claimComment('iat')}`,
    `${row('exp', `${now} + SESSION_LENGTH`)} ${c} ${claimComment('exp')}`,
    ...Object.entries(r.claims)
      .filter(([k]) => k !== 'sub')
      .map(([k, v]) => `${row(k, lit(lang, v))} ${c} ${claimComment(k)}`)
  ]
}

function paramRows(lang: Lang, pairs: { name: string; value: string }[], runtime: Record<string, string>): string[] {
  const c = comment(lang)
  return pairs.map((p) => {
    const value = runtime[p.value] ?? lit(lang, p.value)
    const pair =
      lang === 'go'
        ? `{${lit(lang, p.name)}, ${value}},`
        : lang === 'java'
          ? `new String[] {${lit(lang, p.name)}, ${value}},`
          : lang === 'csharp'
            ? `(${lit(lang, p.name)}, ${value}),`
            : `[${lit(lang, p.name)}, ${value}],`
    return `${pair} ${c} ${paramComment(p.name)}`
  })
}

export function moreLanguagesProgram(lang: Lang, r: EmbedRecipe): GeneratedProgram {
  const jwt = r.method === 'jwt'
  const header = `Embed API for ${r.persona.name || 'this persona'} (${jwt ? 'JWT' : 'signed URL'}), exported by Embed Workbench.`
  const urlPairs = r.urlParams.map((u) => ({ name: u.name, value: u.value }))
  const after = [{ name: ':embed', value: 'true' }, ...r.trailing]
  switch (lang) {
    case 'ruby':
      return ruby(header, r, jwt, urlPairs, after)
    case 'go':
      return go(header, r, jwt, urlPairs, after)
    case 'java':
      return java(header, r, jwt, urlPairs, after)
    case 'csharp':
      return csharp(header, r, jwt, urlPairs, after)
    default:
      return php(header, r, jwt, urlPairs, after)
  }
}

type Pairs = { name: string; value: string }[]

function ruby(header: string, r: EmbedRecipe, jwt: boolean, urlPairs: Pairs, after: Pairs): GeneratedProgram {
  const sign = jwt
    ? `def embed_url
  now = Time.now.to_i
  claims = {
${indent(claimRows('ruby', r, 'now', 'SecureRandom.uuid'), '    ')}
  }
  # HS256 keyed with the secret's UTF-8 bytes; kid: the client id.
  token = JWT.encode(claims, SECRET, 'HS256', { kid: CLIENT_ID, typ: 'JWT' })
  params = [
    [':jwt', token], # the signed token
${indent(paramRows('ruby', after, {}), '    ')}
  ]
  "#{BASE}?#{params.map { |name, value| "#{name}=#{encode_value(value)}" }.join('&')}"
end`
    : `def embed_url
  params = [
${indent(paramRows('ruby', urlPairs, { $nonce: 'SecureRandom.uuid', $time: 'Time.now.to_i.to_s' }), '    ')}
  ]
  unsigned = "#{BASE}?#{params.map { |name, value| "#{name}=#{encode_value(value)}" }.join('&')}"
  # :signature, last: HMAC-SHA256 of everything before it, keyed with the secret's UTF-8 bytes, hex.
  "#{unsigned}&:signature=#{OpenSSL::HMAC.hexdigest('SHA256', SECRET, unsigned)}"
end`
  const code = `# ${header}
#   gem install jwt sinatra          (Debian: apt install ruby-jwt ruby-sinatra)
#   EMBED_SECRET=... ruby embed_api.rb            serves GET /api/embed-url on PORT (3000)
#   EMBED_SECRET=... ruby embed_api.rb --print    prints one URL
require 'erb'
require 'openssl'
require 'securerandom'
${jwt ? "require 'jwt'\n" : ''}
CLIENT_ID = ${lit('ruby', r.clientId)} # the embed client id (Administration > Developer Access)
SECRET = ENV['EMBED_SECRET'] or abort('Set EMBED_SECRET to the embed secret.') # from the environment, never in code
BASE = ${lit('ruby', r.base)} # ${jwt ? 'the workbook, page or element URL' : 'the embed path'}
SESSION_LENGTH = ${r.sessionLength} # seconds

# Key values stay raw; only what would break the query string is percent-encoded.
def encode_value(value)
  value.to_s.gsub(/[\\s%&#+\\x00-\\x1f\\u007f-\\u{ffff}]/) { |c| ERB::Util.url_encode(c) }
end

${sign}

if ARGV.include?('--print')
  puts embed_url
else
  require 'sinatra'
  set :port, (ENV['PORT'] || 3000).to_i
  get('/api/embed-url') { content_type :json; { url: embed_url }.to_json }
end
`
  return {
    language: 'ruby',
    fileName: 'embed_api.rb',
    code,
    install: 'gem install jwt sinatra',
    run: 'EMBED_SECRET=... ruby embed_api.rb --print'
  }
}

function go(header: string, r: EmbedRecipe, jwt: boolean, urlPairs: Pairs, after: Pairs): GeneratedProgram {
  const sign = jwt
    ? `func embedURL() (string, error) {
	now := time.Now().Unix()
	claims := jwt.MapClaims{
${indent(claimRows('go', r, 'now', 'uuid()'), '\t\t')}
	}
	token := jwt.NewWithClaims(jwt.SigningMethodHS256, claims)
	token.Header["kid"] = clientID // the client id
	signed, err := token.SignedString([]byte(secret)) // HS256 keyed with the secret's UTF-8 bytes
	if err != nil {
		return "", err
	}
	params := [][2]string{
		{":jwt", signed}, // the signed token
${indent(paramRows('go', after, {}), '\t\t')}
	}
	return base + "?" + join(params), nil
}`
    : `func embedURL() (string, error) {
	params := [][2]string{
${indent(paramRows('go', urlPairs, { $nonce: 'uuid()', $time: 'strconv.FormatInt(time.Now().Unix(), 10)' }), '\t\t')}
	}
	unsigned := base + "?" + join(params)
	// :signature, last: HMAC-SHA256 of everything before it, keyed with the secret's UTF-8 bytes, hex.
	mac := hmac.New(sha256.New, []byte(secret))
	mac.Write([]byte(unsigned))
	return unsigned + "&:signature=" + hex.EncodeToString(mac.Sum(nil)), nil
}`
  const code = `// ${header}
//   go mod init embedapi && go get github.com/golang-jwt/jwt/v5
//   EMBED_SECRET=... go run embed_api.go            serves GET /api/embed-url on PORT (3000)
//   EMBED_SECRET=... go run embed_api.go --print    prints one URL
package main

import (
	"crypto/rand"
${jwt ? '' : '\t"crypto/hmac"\n\t"crypto/sha256"\n\t"encoding/hex"\n'}	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"os"
	"regexp"
${jwt ? '' : '\t"strconv"\n'}	"strings"
	"time"
${jwt ? '\n\t"github.com/golang-jwt/jwt/v5"\n' : ''})

const clientID = ${lit('go', r.clientId)} // the embed client id (Administration > Developer Access)
const base = ${lit('go', r.base)} // ${jwt ? 'the workbook, page or element URL' : 'the embed path'}
const SESSION_LENGTH = ${r.sessionLength} // seconds

var secret = os.Getenv("EMBED_SECRET") // the embed secret: from the environment, never in code

// Key values stay raw; only what would break the query string is percent-encoded.
var unsafe = regexp.MustCompile("[\\\\s%&#+\\\\x00-\\\\x1f\\\\x{7f}-\\\\x{ffff}]")

func encodeValue(value string) string {
	return unsafe.ReplaceAllStringFunc(value, url.PathEscape)
}

func join(params [][2]string) string {
	parts := make([]string, len(params))
	for i, p := range params {
		parts[i] = p[0] + "=" + encodeValue(p[1])
	}
	return strings.Join(parts, "&")
}

func uuid() string {
	b := make([]byte, 16)
	rand.Read(b)
	b[6], b[8] = b[6]&0x0f|0x40, b[8]&0x3f|0x80
	return fmt.Sprintf("%x-%x-%x-%x-%x", b[0:4], b[4:6], b[6:8], b[8:10], b[10:])
}

${sign}

func main() {
	if secret == "" {
		fmt.Fprintln(os.Stderr, "Set EMBED_SECRET to the embed secret.")
		os.Exit(1)
	}
	if len(os.Args) > 1 && os.Args[1] == "--print" {
		u, err := embedURL()
		if err != nil {
			panic(err)
		}
		fmt.Println(u)
		return
	}
	http.HandleFunc("/api/embed-url", func(w http.ResponseWriter, r *http.Request) {
		u, err := embedURL()
		if err != nil {
			http.Error(w, err.Error(), 500)
			return
		}
		w.Header().Set("Content-Type", "application/json")
		json.NewEncoder(w).Encode(map[string]string{"url": u})
	})
	port := os.Getenv("PORT")
	if port == "" {
		port = "3000"
	}
	http.ListenAndServe(":"+port, nil)
}
`
  return {
    language: 'go',
    fileName: 'embed_api.go',
    code,
    install: 'go get github.com/golang-jwt/jwt/v5',
    run: 'EMBED_SECRET=... go run embed_api.go --print'
  }
}

function java(header: string, r: EmbedRecipe, jwt: boolean, urlPairs: Pairs, after: Pairs): GeneratedProgram {
  const sign = jwt
    ? `  static String embedUrl() {
    long now = Instant.now().getEpochSecond();
    String token = Jwts.builder()
        .header().keyId(CLIENT_ID).type("JWT").and() // kid: the client id
${indent(claimRows('java', r, 'now', 'UUID.randomUUID().toString()'), '        ')}
        .signWith(Keys.hmacShaKeyFor(SECRET.getBytes(StandardCharsets.UTF_8)), Jwts.SIG.HS256) // HS256, the secret's UTF-8 bytes
        .compact();
    String[][] params = {
      {":jwt", token}, // the signed token
${indent(paramRows('java', after, {}), '      ')}
    };
    return BASE + "?" + join(params);
  }`
    : `  static String embedUrl() throws Exception {
    String[][] params = {
${indent(paramRows('java', urlPairs, { $nonce: 'UUID.randomUUID().toString()', $time: 'String.valueOf(Instant.now().getEpochSecond())' }), '      ')}
    };
    String unsigned = BASE + "?" + join(params);
    // :signature, last: HMAC-SHA256 of everything before it, keyed with the secret's UTF-8 bytes, hex.
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    return unsigned + "&:signature=" + HexFormat.of().formatHex(mac.doFinal(unsigned.getBytes(StandardCharsets.UTF_8)));
  }`
  const code = `// ${header}
//   Maven: io.jsonwebtoken:jjwt-api, jjwt-impl, jjwt-jackson 0.12.x (Java 17+)
//   EMBED_SECRET=... java EmbedApi.java            serves GET /api/embed-url on PORT (3000)
//   EMBED_SECRET=... java EmbedApi.java --print    prints one URL
import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.*;
import java.util.regex.Pattern;
${jwt ? 'import io.jsonwebtoken.Jwts;\nimport io.jsonwebtoken.security.Keys;\n' : 'import java.util.HexFormat;\nimport javax.crypto.Mac;\nimport javax.crypto.spec.SecretKeySpec;\n'}
public class EmbedApi {
  static final String CLIENT_ID = ${lit('java', r.clientId)}; // the embed client id (Administration > Developer Access)
  static final String SECRET = System.getenv("EMBED_SECRET"); // the embed secret: from the environment, never in code
  static final String BASE = ${lit('java', r.base)}; // ${jwt ? 'the workbook, page or element URL' : 'the embed path'}
  static final long SESSION_LENGTH = ${r.sessionLength}; // seconds
  static final Pattern UNSAFE = Pattern.compile("[\\\\s%&#+\\\\x00-\\\\x1f\\\\x7f-\\\\x{ffff}]");

  /** Key values stay raw; only what would break the query string is percent-encoded. */
  static String encodeValue(String value) {
    return UNSAFE.matcher(value).replaceAll(m -> URLEncoder.encode(m.group(), StandardCharsets.UTF_8).replace("+", "%20"));
  }

  static String join(String[][] params) {
    StringJoiner out = new StringJoiner("&");
    for (String[] p : params) out.add(p[0] + "=" + encodeValue(p[1]));
    return out.toString();
  }

${sign}

  public static void main(String[] args) throws Exception {
    if (SECRET == null || SECRET.isEmpty()) throw new IllegalStateException("Set EMBED_SECRET to the embed secret.");
    if (Arrays.asList(args).contains("--print")) {
      System.out.println(embedUrl());
      return;
    }
    int port = Integer.parseInt(Optional.ofNullable(System.getenv("PORT")).orElse("3000"));
    HttpServer server = HttpServer.create(new InetSocketAddress(port), 0);
    server.createContext("/api/embed-url", exchange -> {
      try {
        byte[] body = ("{\\"url\\":\\"" + embedUrl() + "\\"}").getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, body.length);
        exchange.getResponseBody().write(body);
      } catch (Exception e) {
        exchange.sendResponseHeaders(500, -1);
      } finally {
        exchange.close();
      }
    });
    server.start();
  }
}
`
  return {
    language: 'java',
    fileName: 'EmbedApi.java',
    code,
    install: 'io.jsonwebtoken:jjwt-api/jjwt-impl/jjwt-jackson 0.12',
    run: 'EMBED_SECRET=... java EmbedApi.java --print'
  }
}

function csharp(header: string, r: EmbedRecipe, jwt: boolean, urlPairs: Pairs, after: Pairs): GeneratedProgram {
  const sign = jwt
    ? `string EmbedUrl()
{
    var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
    var key = new SymmetricSecurityKey(Encoding.UTF8.GetBytes(secret)); // HS256, the secret's UTF-8 bytes
    var jwtHeader = new JwtHeader(new SigningCredentials(key, SecurityAlgorithms.HmacSha256)) { ["kid"] = clientId }; // kid: the client id
    var payload = new JwtPayload
    {
${indent(claimRows('csharp', r, 'now', 'Guid.NewGuid().ToString()'), '        ')}
    };
    var token = new JwtSecurityTokenHandler().WriteToken(new JwtSecurityToken(jwtHeader, payload));
    var parameters = new (string Name, string Value)[]
    {
        (":jwt", token), // the signed token
${indent(paramRows('csharp', after, {}), '        ')}
    };
    return baseUrl + "?" + Join(parameters);
}`
    : `string EmbedUrl()
{
    var parameters = new (string Name, string Value)[]
    {
${indent(paramRows('csharp', urlPairs, { $nonce: 'Guid.NewGuid().ToString()', $time: 'DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString()' }), '        ')}
    };
    var unsigned = baseUrl + "?" + Join(parameters);
    // :signature, last: HMAC-SHA256 of everything before it, keyed with the secret's UTF-8 bytes, hex.
    using var mac = new HMACSHA256(Encoding.UTF8.GetBytes(secret));
    return unsigned + "&:signature=" + Convert.ToHexString(mac.ComputeHash(Encoding.UTF8.GetBytes(unsigned))).ToLowerInvariant();
}`
  const code = `// ${header}
//   dotnet new web -n EmbedApi && dotnet add package System.IdentityModel.Tokens.Jwt  (replace Program.cs with this file)
//   EMBED_SECRET=... dotnet run            serves GET /api/embed-url on PORT (3000)
//   EMBED_SECRET=... dotnet run -- --print prints one URL
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
${jwt ? 'using System.IdentityModel.Tokens.Jwt;\nusing Microsoft.IdentityModel.Tokens;\n' : ''}
const string clientId = ${lit('csharp', r.clientId)}; // the embed client id (Administration > Developer Access)
const string baseUrl = ${lit('csharp', r.base)}; // ${jwt ? 'the workbook, page or element URL' : 'the embed path'}
const long SESSION_LENGTH = ${r.sessionLength}; // seconds
var secret = Environment.GetEnvironmentVariable("EMBED_SECRET") // the embed secret: from the environment, never in code
    ?? throw new InvalidOperationException("Set EMBED_SECRET to the embed secret.");

// Key values stay raw; only what would break the query string is percent-encoded.
string EncodeValue(string value) => Regex.Replace(value, @"[\\s%&#+\\x00-\\x1f\\u007f-\\uffff]", m => Uri.EscapeDataString(m.Value));
string Join((string Name, string Value)[] parameters) => string.Join("&", parameters.Select(p => p.Name + "=" + EncodeValue(p.Value)));

${sign}

if (args.Contains("--print"))
{
    Console.WriteLine(EmbedUrl());
    return;
}
var app = WebApplication.Create(args);
app.MapGet("/api/embed-url", () => Results.Json(new { url = EmbedUrl() }));
app.Run($"http://localhost:{Environment.GetEnvironmentVariable("PORT") ?? "3000"}");
`
  return {
    language: 'csharp',
    fileName: 'Program.cs',
    code,
    install: 'dotnet add package System.IdentityModel.Tokens.Jwt',
    run: 'EMBED_SECRET=... dotnet run -- --print'
  }
}

function php(header: string, r: EmbedRecipe, jwt: boolean, urlPairs: Pairs, after: Pairs): GeneratedProgram {
  const sign = jwt
    ? `function embed_url(): string
{
    $now = time();
    $claims = [
${indent(claimRows('php', r, '$now', 'uuid()'), '        ')}
    ];
    // HS256 keyed with the secret's UTF-8 bytes; the fourth argument is the kid (the client id).
    $token = JWT::encode($claims, SECRET, 'HS256', CLIENT_ID);
    $params = [
        [':jwt', $token], // the signed token
${indent(paramRows('php', after, {}), '        ')}
    ];
    return BASE . '?' . join_params($params);
}`
    : `function embed_url(): string
{
    $params = [
${indent(paramRows('php', urlPairs, { $nonce: 'uuid()', $time: '(string) time()' }), '        ')}
    ];
    $unsigned = BASE . '?' . join_params($params);
    // :signature, last: HMAC-SHA256 of everything before it, keyed with the secret's UTF-8 bytes, hex.
    return $unsigned . '&:signature=' . hash_hmac('sha256', $unsigned, SECRET);
}`
  const code = `<?php
// ${header}
//   composer require firebase/php-jwt
//   EMBED_SECRET=... php -S localhost:3000 embed_api.php    serves GET /api/embed-url
//   EMBED_SECRET=... php embed_api.php --print             prints one URL
${jwt ? "require __DIR__ . '/vendor/autoload.php';\n\nuse Firebase\\JWT\\JWT;\n" : ''}
const CLIENT_ID = ${lit('php', r.clientId)}; // the embed client id (Administration > Developer Access)
const BASE = ${lit('php', r.base)}; // ${jwt ? 'the workbook, page or element URL' : 'the embed path'}
const SESSION_LENGTH = ${r.sessionLength}; // seconds
define('SECRET', getenv('EMBED_SECRET') ?: exit("Set EMBED_SECRET to the embed secret.\\n")); // from the environment, never in code

/** Key values stay raw; only what would break the query string is percent-encoded. */
function encode_value(string $value): string
{
    return preg_replace_callback('/[\\s%&#+\\x00-\\x1f\\x{7f}-\\x{ffff}]/u', fn ($m) => rawurlencode($m[0]), $value);
}

function join_params(array $params): string
{
    return implode('&', array_map(fn ($p) => $p[0] . '=' . encode_value($p[1]), $params));
}

function uuid(): string
{
    $b = random_bytes(16);
    $b[6] = chr(ord($b[6]) & 0x0f | 0x40);
    $b[8] = chr(ord($b[8]) & 0x3f | 0x80);
    return vsprintf('%s%s-%s-%s-%s-%s%s%s', str_split(bin2hex($b), 4));
}

${sign}

if (PHP_SAPI === 'cli' && in_array('--print', $argv ?? [], true)) {
    echo embed_url(), "\\n";
} elseif (parse_url($_SERVER['REQUEST_URI'] ?? '', PHP_URL_PATH) === '/api/embed-url') {
    header('Content-Type: application/json');
    echo json_encode(['url' => embed_url()]);
}
`
  return {
    language: 'php',
    fileName: 'embed_api.php',
    code,
    install: 'composer require firebase/php-jwt',
    run: 'EMBED_SECRET=... php embed_api.php --print'
  }
}
