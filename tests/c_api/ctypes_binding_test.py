"""mcpguard from Python through ctypes and the shared C library alone.

Usage: ctypes_binding_test.py path/to/libmcpguard_c.so

A binding in another language needs no compiler: this loads the library,
builds an engine from policy text, checks messages for a principal, settles
an ASK, reads a policy error, and frees everything. Exits 0 when every
check holds; prints what failed otherwise.
"""
import ctypes
import json
import sys

OK, INVALID_ARGUMENT, POLICY_ERROR = 0, 1, 2
FORMAT_TEXTPROTO = 1
TO_SERVER, TO_CLIENT = 0, 1
ALLOW, DENY, ASK = 0, 1, 2
ABI_VERSION = 2

POLICY = b"""
name: "ctypes" default_effect: DENY
validation { mcp_messages: OFF tool_schemas: OFF }
rules { id: "ask-write" effect: ASK target { tools: "write_file" } }
rules { id: "allow-read" effect: ALLOW target { tools: "read_file" } principal { role: "dev" } }
rules {
  id: "deny-etc" effect: DENY target { tools: "read_file" }
  condition { field { pointer: "/arguments/path" string { prefix: "/etc/" } } }
}
"""


class StringView(ctypes.Structure):
    _fields_ = [("data", ctypes.c_char_p), ("size", ctypes.c_size_t)]


class Principal(ctypes.Structure):
    _fields_ = [
        ("subject", StringView),
        ("roles", ctypes.POINTER(StringView)),
        ("role_count", ctypes.c_size_t),
        ("scopes", ctypes.POINTER(StringView)),
        ("scope_count", ctypes.c_size_t),
        ("claims", ctypes.c_void_p),
        ("claim_count", ctypes.c_size_t),
    ]


def declare(lib):
    P = ctypes.c_void_p
    pp = ctypes.POINTER(ctypes.c_void_p)
    size_p = ctypes.POINTER(ctypes.c_size_t)
    lib.mcpguard_abi_version.restype = ctypes.c_int
    lib.mcpguard_error_message.argtypes = [P, size_p]
    lib.mcpguard_error_message.restype = ctypes.c_char_p
    lib.mcpguard_error_free.argtypes = [P]
    lib.mcpguard_engine_new_from_policy.argtypes = [
        ctypes.c_char_p, ctypes.c_size_t, ctypes.c_int, ctypes.c_char_p, pp, pp]
    lib.mcpguard_engine_free.argtypes = [P]
    lib.mcpguard_session_new.argtypes = [
        P, ctypes.POINTER(Principal), ctypes.c_char_p, ctypes.c_size_t, pp, pp]
    lib.mcpguard_session_free.argtypes = [P]
    lib.mcpguard_session_check.argtypes = [
        P, ctypes.c_char_p, ctypes.c_size_t, ctypes.c_int, pp, pp]
    lib.mcpguard_session_settle.argtypes = [P, P, ctypes.c_int, ctypes.c_int, pp, pp]
    lib.mcpguard_session_in_flight.argtypes = [P, ctypes.c_int]
    lib.mcpguard_session_in_flight.restype = ctypes.c_size_t
    for name in ("decision", "awaiting_answer", "error_code"):
        getattr(lib, "mcpguard_verdict_" + name).argtypes = [P]
    for name in ("rule_id", "reason", "error_response"):
        f = getattr(lib, "mcpguard_verdict_" + name)
        f.argtypes = [P, size_p]
        f.restype = ctypes.POINTER(ctypes.c_char)
    lib.mcpguard_verdict_free.argtypes = [P]


class Failures:
    def __init__(self):
        self.count = 0

    def expect(self, condition, what):
        if not condition:
            self.count += 1
            print("FAILED:", what)


def text(lib, verdict, name):
    size = ctypes.c_size_t(0)
    data = getattr(lib, "mcpguard_verdict_" + name)(verdict, ctypes.byref(size))
    return ctypes.string_at(data, size.value).decode()


def call(request_id, tool, path):
    return json.dumps({"jsonrpc": "2.0", "id": request_id, "method": "tools/call",
                       "params": {"name": tool, "arguments": {"path": path}}}).encode()


def check(lib, session, message, direction=TO_SERVER):
    verdict = ctypes.c_void_p()
    status = lib.mcpguard_session_check(session, message, len(message), direction,
                                        ctypes.byref(verdict), None)
    assert status == OK, status
    return verdict


def main(path):
    lib = ctypes.CDLL(path)
    declare(lib)
    t = Failures()
    t.expect(lib.mcpguard_abi_version() == ABI_VERSION, "ABI version")

    # A policy that does not compile: the error names the file and line.
    engine = ctypes.c_void_p()
    error = ctypes.c_void_p()
    bad = b'name: "x"\nrules { id: 3 }\n'
    status = lib.mcpguard_engine_new_from_policy(bad, len(bad), FORMAT_TEXTPROTO, b"bad.textproto",
                                                 ctypes.byref(engine), ctypes.byref(error))
    t.expect(status == POLICY_ERROR, "bad policy status %d" % status)
    message = lib.mcpguard_error_message(error, None).decode()
    t.expect("bad.textproto:2:" in message, "policy error names the line: " + message)
    lib.mcpguard_error_free(error)

    status = lib.mcpguard_engine_new_from_policy(POLICY, len(POLICY), FORMAT_TEXTPROTO,
                                                 b"ctypes.textproto", ctypes.byref(engine), None)
    assert status == OK, status
    roles = (StringView * 1)(StringView(b"dev", 3))
    alice = Principal(StringView(b"alice", 5), roles, 1, None, 0)
    session = ctypes.c_void_p()
    status = lib.mcpguard_session_new(engine, ctypes.byref(alice), b"fs", 2,
                                      ctypes.byref(session), None)
    assert status == OK, status

    allowed = check(lib, session, call(1, "read_file", "/srv/notes.txt"))
    t.expect(lib.mcpguard_verdict_decision(allowed) == ALLOW, "read allowed")
    t.expect(text(lib, allowed, "rule_id") == "allow-read", "rule allow-read")

    denied = check(lib, session, call(2, "read_file", "/etc/shadow"))
    t.expect(lib.mcpguard_verdict_decision(denied) == DENY, "/etc denied")
    error_response = json.loads(text(lib, denied, "error_response"))
    t.expect(error_response["id"] == 2, "error response answers id 2")
    t.expect(error_response["error"]["data"]["rule"] == "deny-etc", "error names deny-etc")

    # An ASK, refused by "the human": the request leaves flight, its id is
    # free for the next request.
    asked = check(lib, session, call(3, "write_file", "/srv/a"))
    t.expect(lib.mcpguard_verdict_decision(asked) == ASK, "write asked")
    t.expect(lib.mcpguard_verdict_awaiting_answer(asked) == 1, "awaiting an answer")
    refused = ctypes.c_void_p()
    status = lib.mcpguard_session_settle(session, asked, 0, 0, ctypes.byref(refused), None)
    t.expect(status == OK, "settle status %d" % status)
    t.expect(lib.mcpguard_verdict_decision(refused) == DENY, "refused is a deny")
    t.expect("refused by the host" in text(lib, refused, "reason"), "reason says refused")
    t.expect(lib.mcpguard_session_in_flight(session, TO_SERVER) == 1, "only request 1 in flight")
    again = ctypes.c_void_p()
    status = lib.mcpguard_session_settle(session, asked, 1, 0, ctypes.byref(again), None)
    t.expect(status == INVALID_ARGUMENT and not again.value, "settled only once")
    retry = check(lib, session, call(3, "read_file", "/srv/b"))
    t.expect(lib.mcpguard_verdict_decision(retry) == ALLOW, "id 3 free again")

    answer = json.dumps({"jsonrpc": "2.0", "id": 1, "result": {"content": []}}).encode()
    answered = check(lib, session, answer, TO_CLIENT)
    t.expect(lib.mcpguard_verdict_decision(answered) == ALLOW, "response to request 1")

    for verdict in (allowed, denied, asked, refused, retry, answered):
        lib.mcpguard_verdict_free(verdict)
    lib.mcpguard_session_free(session)
    lib.mcpguard_engine_free(engine)
    if t.count:
        print("%d checks failed" % t.count)
        return 1
    print("ctypes binding: all checks passed")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
