using System.Threading.RateLimiting;
using AkkaCollab.Protocol;
using AkkaCollab.Protocol.Wire;
using AkkaCollab.Web.Gateway;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.RateLimiting;

namespace AkkaCollab.Web.Security;

/// Registers authentication (JwtBearer), the admin policy, HTTP rate limits and the services the
/// gateway and the APIs use; and puts the middleware in order.
public static class SecurityHosting
{
    public static WebApplicationBuilder AddCollabSecurity(this WebApplicationBuilder builder)
    {
        var settings = new SecuritySettings();
        var section = builder.Configuration.GetSection(SecuritySettings.Section);
        section.Bind(settings);
        // Binding a list appends to its defaults; a configured list replaces them.
        settings.SigningKeys = [.. section.GetSection(nameof(settings.SigningKeys)).GetChildren().Select(c => c.Value).OfType<string>()];
        settings.AllowedOrigins = [.. section.GetSection(nameof(settings.AllowedOrigins)).GetChildren().Select(c => c.Value).OfType<string>()];
        var isDevelopment = builder.Environment.IsDevelopment();
        var errors = settings.Validate(isDevelopment);
        if (errors.Count > 0)
        {
            throw new InvalidOperationException("Invalid AkkaCollab settings:\n  " + string.Join("\n  ", errors));
        }
        var keys = new SigningKeySet(settings);
        var services = builder.Services;
        services.AddSingleton(settings);
        services.AddSingleton(keys);
        services.AddSingleton(new SecurityMode(settings.DevelopmentSignIn ?? isDevelopment));
        services.AddSingleton<AccessTokens>();
        services.AddSingleton<RefreshTokenStore>();
        services.AddSingleton<SocketRateLimits>();
        services.AddSingleton<IIdentityProvider, JwtIdentity>();

        services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer(options =>
        {
            options.MapInboundClaims = false;
            options.TokenValidationParameters = AccessTokens.Parameters(settings, keys);
            if (!string.IsNullOrWhiteSpace(settings.Authority))
            {
                options.Authority = settings.Authority;
                options.RequireHttpsMetadata = settings.Authority.StartsWith("https:", StringComparison.OrdinalIgnoreCase);
            }
        });
        services.AddAuthorizationBuilder().AddPolicy(AccessApi.AdminPolicy, policy => policy.RequireAuthenticatedUser().RequireRole(settings.AdminRole));
        services.AddRateLimiter(options =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.GlobalLimiter = PartitionedRateLimiter.CreateChained(
                PartitionedRateLimiter.Create<HttpContext, string>(http => RateLimitPartition.GetTokenBucketLimiter(
                    "ip:" + (http.Connection.RemoteIpAddress?.ToString() ?? "unknown"),
                    _ => Bucket(settings.HttpPerIpPerSecond, settings.HttpPerIpBurst))),
                PartitionedRateLimiter.Create<HttpContext, string>(http => http.User.User() is { } user
                    ? RateLimitPartition.GetTokenBucketLimiter("user:" + user, _ => Bucket(settings.HttpPerUserPerSecond, settings.HttpPerUserBurst))
                    : RateLimitPartition.GetNoLimiter("anonymous")));
            options.AddPolicy(AuthApi.RateLimitPolicy, http => RateLimitPartition.GetFixedWindowLimiter(
                "auth:" + (http.Connection.RemoteIpAddress?.ToString() ?? "unknown"),
                _ => new FixedWindowRateLimiterOptions { PermitLimit = settings.AuthPerIpPerMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 }));
            options.OnRejected = async (context, cancel) =>
            {
                if (context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retry))
                {
                    context.HttpContext.Response.Headers.RetryAfter = ((int)Math.Ceiling(retry.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
                }
                await Problems.Of(ErrorCode.RateLimited, "rate: too many requests from this client or user; retry after the Retry-After seconds")
                    .ExecuteAsync(context.HttpContext);
            };
        });
        return builder;
    }

    /// Authentication, authorization, rate limits: after the client app's files, before every endpoint.
    public static WebApplication UseCollabSecurity(this WebApplication app)
    {
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseRateLimiter();
        return app;
    }

    private static TokenBucketRateLimiterOptions Bucket(int perSecond, int burst) => new()
    {
        TokenLimit = burst,
        TokensPerPeriod = perSecond,
        ReplenishmentPeriod = TimeSpan.FromSeconds(1),
        QueueLimit = 0,
        AutoReplenishment = true,
    };
}
