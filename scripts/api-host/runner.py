# The api-host's Python runtime: loads one Lambda handler and runs it for each event it is given,
# in one long-lived process (as a warm Lambda instance), standard library only.
#
#   python3 runner.py ROOT MODULE FUNCTION FUNCTION_NAME ACCOUNT_ID
#
# Protocol, one JSON object per line. First the runner writes {"ready": true}, or
# {"ready": false, "errorMessage": ...} and exits. Then for each line read on stdin,
# {"id", "event", "awsRequestId", "deadline"} (deadline in ms since the epoch), it writes
# {"id", "ok": true, "result"} or {"id", "ok": false, "errorMessage", "errorType", "stackTrace"}.
# The handler's own print() output goes to stderr, so it can never corrupt the protocol.
import importlib
import json
import os
import sys
import time
import traceback

protocol = os.fdopen(os.dup(1), "w", buffering=1, encoding="utf-8")
os.dup2(2, 1)  # anything else written to stdout, even by C code, lands in the log
sys.stdout = sys.stderr


def send(message):
    protocol.write(json.dumps(message) + "\n")
    protocol.flush()


class LambdaContext:
    """The attributes and method of Lambda's Python context object."""

    def __init__(self, function_name, account_id, aws_request_id, deadline_ms):
        self.function_name = function_name
        self.function_version = "$LATEST"
        self.invoked_function_arn = "arn:aws:lambda:local:%s:function:%s" % (account_id, function_name)
        self.memory_limit_in_mb = "128"
        self.aws_request_id = aws_request_id
        self.log_group_name = "/aws/lambda/" + function_name
        self.log_stream_name = aws_request_id
        self.identity = None
        self.client_context = None
        self._deadline_ms = deadline_ms

    def get_remaining_time_in_millis(self):
        return max(0, int(self._deadline_ms - time.time() * 1000))


def load(root, module_name, function_name):
    # As Lambda's task root: the handler's folder comes first on the import path.
    sys.path.insert(0, root)
    module = importlib.import_module(module_name)
    handler = getattr(module, function_name, None)
    if not callable(handler):
        raise AttributeError("%s has no function named %s (def %s(event, context): ...)" % (module_name, function_name, function_name))
    return handler


def main():
    root, module_name, function_name, lambda_name, account_id = sys.argv[1:6]
    try:
        handler = load(root, module_name, function_name)
    except Exception as error:  # any import-time failure is the user's to see
        send({"ready": False, "errorMessage": "%s: %s" % (type(error).__name__, error)})
        return 2
    send({"ready": True})
    for line in sys.stdin:
        if not line.strip():
            continue
        request = json.loads(line)
        context = LambdaContext(lambda_name, account_id, request["awsRequestId"], request["deadline"])
        try:
            result = handler(request["event"], context)
            # Lambda fails an answer it cannot serialise ("Unable to marshal response").
            send({"id": request["id"], "ok": True, "result": json.loads(json.dumps(result))})
        except Exception as error:
            traceback.print_exc()
            send({"id": request["id"], "ok": False, "errorMessage": str(error), "errorType": type(error).__name__,
                  "stackTrace": traceback.format_exception(type(error), error, error.__traceback__)})
    return 0


if __name__ == "__main__":
    sys.exit(main())
