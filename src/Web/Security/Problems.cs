using AkkaCollab.Protocol;
using AkkaCollab.Protocol.Wire;

namespace AkkaCollab.Web.Security;

/// Problem responses in the protocol's error vocabulary: "code" is the wire name of an ErrorCode.
public static class Problems
{
    public static IResult Of(ErrorCode code, string detail) => Results.Problem(
        statusCode: code switch
        {
            ErrorCode.Unauthorized => StatusCodes.Status401Unauthorized,
            ErrorCode.Forbidden => StatusCodes.Status403Forbidden,
            ErrorCode.RateLimited => StatusCodes.Status429TooManyRequests,
            ErrorCode.Unavailable => StatusCodes.Status503ServiceUnavailable,
            ErrorCode.Resync or ErrorCode.Deleted => StatusCodes.Status410Gone,
            _ => StatusCodes.Status400BadRequest,
        },
        title: ErrorCodes.ToWire(code),
        detail: detail,
        extensions: new Dictionary<string, object?> { ["code"] = ErrorCodes.ToWire(code) });
}
